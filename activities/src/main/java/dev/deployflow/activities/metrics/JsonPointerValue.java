package dev.deployflow.activities.metrics;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deployflow.analysis.Measurement;
import java.util.Locale;

/**
 * Reads the number at a JSON pointer of an HTTP JSON metric document. Pure, like
 * {@link PrometheusResult}. A pointer that leads nowhere (or to {@code null}) is no data; a value
 * that is not a number (numeric text such as {@code "0.02"} is accepted) is an error.
 */
final class JsonPointerValue {
  private JsonPointerValue() {}

  static Measurement read(String metric, JsonNode document, String pointer, String at) {
    JsonPointer compiled;
    try {
      compiled = JsonPointer.compile(pointer == null ? "" : pointer);
    } catch (IllegalArgumentException e) {
      return Measurement.error(
          metric, "jsonPointer '" + pointer + "' is not a JSON pointer (write it like /data/value)", at);
    }
    JsonNode node = document.at(compiled);
    if (node.isMissingNode() || node.isNull()) {
      return Measurement.noData(metric, "the document has no value at " + pointer, at);
    }
    if (node.isNumber()) {
      return finite(metric, node.asDouble(), pointer, at);
    }
    if (node.isTextual()) {
      String text = node.asText().trim();
      try {
        return finite(metric, Double.parseDouble(text), pointer, at);
      } catch (NumberFormatException e) {
        return Measurement.error(metric, "the value at " + pointer + " is '" + shorten(text) + "', not a number", at);
      }
    }
    return Measurement.error(
        metric, "the value at " + pointer + " is " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a number", at);
  }

  private static Measurement finite(String metric, double value, String pointer, String at) {
    if (Double.isNaN(value)) {
      return Measurement.noData(metric, "the value at " + pointer + " is NaN", at);
    }
    if (Double.isInfinite(value)) {
      return Measurement.error(metric, "the value at " + pointer + " is infinite", at);
    }
    return Measurement.value(metric, value, at);
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
