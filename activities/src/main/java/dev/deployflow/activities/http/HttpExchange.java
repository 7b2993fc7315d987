package dev.deployflow.activities.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Sends one request on the shared client and reads at most a bounded part of the answer's body. */
public final class HttpExchange {
  /** How much of a body is read when the caller does not say: enough for any status document. */
  public static final int DEFAULT_BODY_LIMIT = 1024 * 1024;

  private HttpExchange() {}

  /**
   * Sends the request and reads up to {@code bodyLimit} bytes of the body.
   *
   * @throws IOException when the server cannot be reached or answers too slowly (retryable: see
   *     {@link HttpFailures#ioError})
   */
  public static HttpAnswer send(OkHttpClient client, Request request, int bodyLimit) throws IOException {
    long started = System.nanoTime();
    try (Response response = client.newCall(request).execute()) {
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
}
