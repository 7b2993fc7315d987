package dev.deployflow.activities.http;

import dev.deployflow.activities.ActivitySettings;
import okhttp3.OkHttpClient;

/**
 * Builds the one HTTP client that every activity of a worker shares, so that they share its
 * connection pool and threads. Every timeout is explicit: a hung server must fail an activity
 * attempt with an I/O error (retryable) long before Temporal's own activity timeout.
 */
public final class HttpClients {
  private HttpClients() {}

  /**
   * A client with the settings' connect timeout, their read timeout for reads and writes, and a
   * call timeout of both together, so that a call that connected slowly still gets its full read
   * time but no call runs longer than that.
   */
  public static OkHttpClient create(ActivitySettings settings) {
    return new OkHttpClient.Builder()
        .connectTimeout(settings.httpConnectTimeout())
        .readTimeout(settings.httpReadTimeout())
        .writeTimeout(settings.httpReadTimeout())
        .callTimeout(settings.httpConnectTimeout().plus(settings.httpReadTimeout()))
        // Redirects are the steps' decision (HttpExchange), never the client's.
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }
}
