package dev.deployflow.activities.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Delivers one POST to a webhook that must never fail or hold up a release (a notification, a
 * release-log record): tried a bounded number of times within the call, with a doubling backoff,
 * while the failure may pass (a connection error, a timeout, 5xx, 429); any other status and a
 * refused redirect are final at once.
 *
 * <p>The reason it returns names the status or the kind of I/O failure only, never the URL or
 * the host of the webhook itself, because a webhook URL is a secret and OkHttp's messages quote
 * its host.
 */
public final class WebhookDelivery {
  /** How much of a webhook's answer is read: only its status matters. */
  private static final int ANSWER_LIMIT = 4 * 1024;

  private final OkHttpClient client;
  private final int attempts;
  private final Duration firstBackoff;

  public WebhookDelivery(OkHttpClient client, int attempts, Duration firstBackoff) {
    this.client = Objects.requireNonNull(client, "client");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    this.attempts = attempts;
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
  }

  /**
   * Posts the request; returns null when it was delivered, else why not.
   *
   * @param followRedirects whether a redirect to the same host may be followed (see
   *     {@link HttpExchange}); any other redirect is refused
   */
  public String post(Request post, boolean followRedirects) {
    String lastFailure = null;
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      boolean mayPass;
      try {
        HttpAnswer answer = HttpExchange.send(client, post, ANSWER_LIMIT, followRedirects);
        if (answer.successful()) {
          return null;
        }
        lastFailure = "HTTP " + answer.status();
        mayPass = HttpFailures.isRetryable(answer.status());
      } catch (RedirectRefusedException e) {
        return "redirected (HTTP " + e.status() + ") to host " + e.targetHost() + ", which is refused (not retried)";
      } catch (IOException e) {
        lastFailure = kindOf(e);
        mayPass = true;
      }
      if (!mayPass) {
        return lastFailure + " (not retried)";
      }
      if (attempt < attempts && !sleep(backoff)) {
        return lastFailure + " (interrupted after " + attempt + " attempts)";
      }
      backoff = backoff.multipliedBy(2);
    }
    return lastFailure + " after " + attempts + " attempts";
  }

  /** The kind of I/O failure only: OkHttp's messages name the host, which is part of the URL. */
  static String kindOf(IOException e) {
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof ConnectException) {
      return "could not connect";
    }
    if (e instanceof InterruptedIOException) {
      return "timed out";
    }
    return "I/O error (" + e.getClass().getSimpleName() + ")";
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
