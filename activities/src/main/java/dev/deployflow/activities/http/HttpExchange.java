package dev.deployflow.activities.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one request on the shared client and reads at most a bounded part of the answer's body.
 *
 * <p>Redirects are never followed by the client. A step that says {@code followRedirects: true}
 * follows up to {@value #MAX_REDIRECTS} of them here, and only to the same host and never from
 * https to http; any other redirect is refused with a {@link RedirectRefusedException}. Following
 * a redirect to another host would hand the request's headers (its token) and body to a server
 * that the pipeline did not name.
 */
public final class HttpExchange {
  /** How much of a body is read when the caller does not say: enough for any status document. */
  public static final int DEFAULT_BODY_LIMIT = 1024 * 1024;
  /** How many redirects a step that follows redirects follows at most. */
  public static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private HttpExchange() {}

  /**
   * Sends the request, following no redirect, and reads up to {@code bodyLimit} bytes of the body.
   *
   * @throws IOException when the server cannot be reached or answers too slowly (retryable: see
   *     {@link HttpFailures#ioError})
   * @throws RedirectRefusedException when the answer is a redirect (not retryable: see
   *     {@link HttpFailures#redirectRefused})
   */
  public static HttpAnswer send(OkHttpClient client, Request request, int bodyLimit) throws IOException {
    return send(client, request, bodyLimit, false);
  }

  /**
   * Sends the request and reads up to {@code bodyLimit} bytes of the body, following redirects to
   * the same host when {@code followRedirects} is true.
   *
   * @throws IOException when the server cannot be reached or answers too slowly
   * @throws RedirectRefusedException for a redirect that may not be followed
   */
  public static HttpAnswer send(OkHttpClient client, Request request, int bodyLimit, boolean followRedirects)
      throws IOException {
    OkHttpClient direct = client.followRedirects() || client.followSslRedirects()
        ? client.newBuilder().followRedirects(false).followSslRedirects(false).build()
        : client;
    long started = System.nanoTime();
    Request current = request;
    for (int redirects = 0; ; redirects++) {
      try (Response response = direct.newCall(current).execute()) {
        String location = response.header("Location");
        if (REDIRECTS.contains(response.code()) && location != null) {
          HttpUrl target = current.url().resolve(location);
          current = followUp(current, response.code(), target, request.url(), followRedirects, redirects);
          continue;
        }
        return read(response, bodyLimit, started);
      }
    }
  }

  private static Request followUp(
      Request current, int status, HttpUrl target, HttpUrl original, boolean allowed, int redirectsSoFar) {
    if (target == null) {
      throw new RedirectRefusedException(status, "(an unreadable Location)", "the Location is not an http(s) URL");
    }
    if (!allowed) {
      throw new RedirectRefusedException(status, target.host(), "the step does not say followRedirects: true");
    }
    if (!target.host().equalsIgnoreCase(original.host())) {
      throw new RedirectRefusedException(status, target.host(),
          "redirects are followed only to the same host (" + original.host() + ")");
    }
    if (original.isHttps() && !target.isHttps()) {
      throw new RedirectRefusedException(status, target.host(), "it leads from https to plain http");
    }
    if (redirectsSoFar >= MAX_REDIRECTS) {
      throw new RedirectRefusedException(status, target.host(), "more than " + MAX_REDIRECTS + " redirects");
    }
    // As browsers do: 307 and 308 repeat the request; 301, 302 and 303 turn it into a GET.
    Request.Builder next = current.newBuilder().url(target);
    if (status != 307 && status != 308 && !"HEAD".equals(current.method())) {
      next.method("GET", null).removeHeader("Content-Type").removeHeader("Content-Length");
    }
    return next.build();
  }

  private static HttpAnswer read(Response response, int bodyLimit, long started) throws IOException {
    ResponseBody body = response.body();
    byte[] bytes;
    boolean truncated;
    try (InputStream in = body.byteStream()) {
      bytes = in.readNBytes(bodyLimit);
      truncated = in.read() >= 0;
    }
    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return new HttpAnswer(
        response.code(), new String(bytes, charset), truncated, latency, response.header("Retry-After"));
  }
}
