package dev.deployflow.pipeline;

import java.util.Map;

/**
 * An HTTP request: method (GET when missing), URL, headers and body, all with substitution.
 * Redirects are refused unless {@code followRedirects} is true, and even then only to the same
 * host: a redirect elsewhere would send the request's headers (tokens) to a server nobody chose.
 */
public record HttpCall(
    String method, String url, Map<String, String> headers, String body, Boolean followRedirects) {

  /** A request that follows no redirect. */
  public HttpCall(String method, String url, Map<String, String> headers, String body) {
    this(method, url, headers, body, null);
  }

  /** The method to use, GET by default. */
  public String effectiveMethod() {
    return method == null || method.isBlank() ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
  }

  /** Whether a redirect to the same host is followed; off unless the pipeline says so. */
  public boolean followsRedirects() {
    return Boolean.TRUE.equals(followRedirects);
  }
}
