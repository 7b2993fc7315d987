package dev.deployflow.activities.smoke;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.http.HttpAnswer;
import dev.deployflow.activities.http.HttpFailures;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.SmokeTest.Expectation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A smoke test's expectations, checked against an answer. Each unmet expectation is described
 * as "expected …, got …" so that the person reading the failure sees at once what was wrong.
 */
final class SmokeTestChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Expectation expect;
  private final Map<String, JsonPointer> pointers = new LinkedHashMap<>();
  private final Duration maxLatency;

  /** @throws IllegalArgumentException for a JSON pointer or a latency that cannot be read */
  SmokeTestChecks(Expectation expect) {
    this.expect = expect;
    if (expect.jsonPointers() != null) {
      for (String pointer : expect.jsonPointers().keySet()) {
        try {
          pointers.put(pointer, JsonPointer.compile(pointer));
        } catch (IllegalArgumentException badPointer) {
          throw new IllegalArgumentException("'" + pointer + "' is not a JSON pointer; write it like /status");
        }
      }
    }
    this.maxLatency = expect.maxLatency() == null || expect.maxLatency().isBlank()
        ? null
        : Durations.parse(expect.maxLatency());
  }

  /** Whether the status is the expected one, or any 2xx when none is expected. */
  boolean statusMet(int status) {
    return expect.status() == null ? status >= 200 && status < 300 : expect.status() == status;
  }

  String describeStatusMismatch(HttpAnswer answer) {
    String expected = expect.status() == null ? "a 2xx status" : "status " + expect.status();
    return "expected " + expected + ", got " + answer.status() + " (body: " + excerpt(answer) + ")";
  }

  /** Everything else that is not as expected: body text, JSON values, latency. */
  List<String> unmetExpectations(HttpAnswer answer) {
    List<String> unmet = new ArrayList<>();
    if (expect.bodyContains() != null && !answer.body().contains(expect.bodyContains())) {
      unmet.add("expected the body to contain \"" + expect.bodyContains() + "\" (body: " + excerpt(answer) + ")");
    }
    if (!pointers.isEmpty()) {
      checkJson(answer, unmet);
    }
    if (maxLatency != null && answer.latencyMillis() > maxLatency.toMillis()) {
      unmet.add("expected a latency of at most " + expect.maxLatency() + ", took " + answer.latencyMillis() + " ms");
    }
    return unmet;
  }

  private void checkJson(HttpAnswer answer, List<String> unmet) {
    JsonNode document;
    try {
      document = JSON.readTree(answer.body());
    } catch (JsonProcessingException notJson) {
      unmet.add("expected a JSON body for " + String.join(", ", pointers.keySet()) + ", but it does not parse ("
          + notJson.getOriginalMessage() + ") (body: " + excerpt(answer) + ")");
      return;
    }
    for (Map.Entry<String, JsonPointer> pointer : pointers.entrySet()) {
      String expected = expect.jsonPointers().get(pointer.getKey());
      JsonNode value = document.at(pointer.getValue());
      if (value.isMissingNode()) {
        unmet.add("expected " + pointer.getKey() + " to be \"" + expected + "\", but the document has no value there");
      } else if (!asText(value).equals(expected)) {
        unmet.add("expected " + pointer.getKey() + " to be \"" + expected + "\", got \"" + asText(value) + "\"");
      }
    }
  }

  /* Scalars compare by their text (5 and "5" are equal); objects and arrays by their JSON. */
  private static String asText(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static String excerpt(HttpAnswer answer) {
    return answer.bodyExcerpt(HttpFailures.BODY_EXCERPT);
  }
}
