package dev.deployflow.activities.http;

import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.pipeline.HttpCall;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Turns a pipeline's {@link HttpCall} into an OkHttp request: URL, headers and body rendered
 * with the release variables and the worker's environment (whose values the renderer's masker
 * then knows), each in its own syntax (see {@link TemplateRenderer}): a value is percent-encoded
 * in the URL, JSON-escaped in a JSON body, and refused in a header when it holds a line break.
 */
public final class HttpRequests {
  private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private HttpRequests() {}

  /**
   * Builds the request.
   *
   * @param extraHeaders headers the activity adds, such as {@code Idempotency-Key}
   * @throws IllegalArgumentException for a placeholder without a value, a URL that is not http(s),
   *     or a method that cannot carry the body; the message may contain rendered text, so callers
   *     mask it
   */
  public static Request build(
      HttpCall call, Map<String, String> vars, TemplateRenderer renderer, Map<String, String> extraHeaders) {
    if (call == null || call.url() == null || call.url().isBlank()) {
      throw new IllegalArgumentException("the pipeline gives no URL");
    }
    String url = renderer.url(call.url(), vars);
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("'" + url + "' is not an http or https URL");
    }
    Request.Builder request = new Request.Builder().url(parsed);
    MediaType contentType = null;
    String contentTypeText = null;
    if (call.headers() != null) {
      for (Map.Entry<String, String> header : call.headers().entrySet()) {
        String name = renderer.headerName(header.getKey(), vars);
        String value = renderer.headerValue(name, header.getValue(), vars);
        if (name.toLowerCase(Locale.ROOT).equals("content-type")) {
          contentType = MediaType.parse(value);
          contentTypeText = value;
        }
        request.addHeader(name, value);
      }
    }
    extraHeaders.forEach(request::header);

    String method = call.effectiveMethod();
    // Substitution follows the body's syntax: JSON-escaped in a JSON body, encoded in a form.
    String body = renderer.body(call.body(), contentTypeText, vars);
    RequestBody requestBody = null;
    if (body != null) {
      requestBody = RequestBody.create(body, contentType != null ? contentType : guessType(body));
    } else if (METHODS_WITH_BODY.contains(method)) {
      // OkHttp insists that these methods carry a body, even an empty one.
      requestBody = RequestBody.create("", contentType != null ? contentType : TEXT);
    }
    return request.method(method, requestBody).build();
  }

  /**
   * The request for messages: method and URL without its query and user information, which may hold tokens; the
   * caller still masks it, since a secret may also sit in the host or the path.
   */
  public static String describe(Request request) {
    HttpUrl url = request.url();
    return request.method() + " " + url.newBuilder().username("").password("").query(null).fragment(null).build();
  }

  private static MediaType guessType(String body) {
    String start = body.stripLeading();
    return start.startsWith("{") || start.startsWith("[") ? JSON : TEXT;
  }
}
