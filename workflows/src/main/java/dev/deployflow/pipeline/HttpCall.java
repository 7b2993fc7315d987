package dev.deployflow.pipeline;

import java.util.Map;

/** An HTTP request: method (GET when missing), URL, headers and body, all with substitution. */
public record HttpCall(String method, String url, Map<String, String> headers, String body) {

  /** The method to use, GET by default. */
  public String effectiveMethod() {
    return method == null || method.isBlank() ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
  }
}
