package dev.deployflow.pipeline;

import java.util.Map;

/** One HTTP smoke test and what its answer must show. */
public record SmokeTest(String name, HttpCall request, Expectation expect) {

  /**
   * What a smoke test expects: a status code, text in the body, values at JSON pointers (compared
   * as text) and a latency limit such as {@code 2s}.
   */
  public record Expectation(
      Integer status, String bodyContains, Map<String, String> jsonPointers, String maxLatency) {}
}
