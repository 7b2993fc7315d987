package dev.deployflow.activities.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deployflow.analysis.Measurement;

/**
 * Turns the JSON answer of a Prometheus instant query ({@code /api/v1/query}) into a
 * {@link Measurement}. Pure: no I/O, so every shape Prometheus can answer with is table-tested.
 *
 * <p>A scalar, or a vector with exactly one series, gives a value. An empty vector and {@code NaN}
 * give no data, because "nothing was measured" must never pass for "all is well". Several series,
 * a range vector, {@code status: error} and anything that is not a number are errors: the query
 * has to be fixed by a person, and saying so beats picking one series at random.
 */
final class PrometheusResult {
  private PrometheusResult() {}

  /** Reads the body of a {@code 2xx} answer (or of an error answer that carries Prometheus JSON). */
  static Measurement read(String metric, JsonNode body, String at) {
    if (body == null || !body.isObject()) {
      return Measurement.error(metric, "Prometheus answered with something other than a JSON object", at);
    }
    String status = body.path("status").asText("");
    if (!"success".equals(status)) {
      return Measurement.error(metric, "Prometheus query failed: " + describeError(body), at);
    }
    JsonNode data = body.path("data");
    String resultType = data.path("resultType").asText("");
    JsonNode result = data.path("result");
    return switch (resultType) {
      case "scalar" -> sample(metric, result, "scalar", at);
      case "vector" -> vector(metric, result, at);
      case "matrix" -> Measurement.error(
          metric,
          "the query returns a range vector; write an instant query (without [range]) or wrap it in a function such as avg_over_time",
          at);
      case "string" -> Measurement.error(metric, "the query returns a string, not a number", at);
      default -> Measurement.error(
          metric, "Prometheus answered without a known resultType ('" + resultType + "')", at);
    };
  }

  /** The {@code errorType: error} text of a Prometheus error answer, or a generic sentence. */
  static String describeError(JsonNode body) {
    String errorType = body.path("errorType").asText("");
    String error = body.path("error").asText("");
    if (error.isEmpty() && errorType.isEmpty()) {
      return "status was '" + body.path("status").asText("") + "'";
    }
    return errorType.isEmpty() ? error : errorType + ": " + error;
  }

  private static Measurement vector(String metric, JsonNode result, String at) {
    if (!result.isArray()) {
      return Measurement.error(metric, "Prometheus vector result is not a list", at);
    }
    if (result.isEmpty()) {
      return Measurement.noData(metric, "the query returned an empty vector", at);
    }
    if (result.size() > 1) {
      return Measurement.error(
          metric,
          "the query returned "
              + result.size()
              + " series, expected exactly one; aggregate it, e.g. with sum() or avg()",
          at);
    }
    return sample(metric, result.get(0).path("value"), "series", at);
  }

  /** A sample is {@code [<unix time>, "<value as text>"]}. */
  private static Measurement sample(String metric, JsonNode sample, String what, String at) {
    if (!sample.isArray() || sample.size() != 2) {
      return Measurement.error(metric, "the " + what + " has no [time, value] sample", at);
    }
    String text = sample.get(1).asText("");
    return switch (text) {
      case "NaN" -> Measurement.noData(metric, "the query returned NaN (nothing to divide by?)", at);
      case "+Inf", "-Inf", "Inf" -> Measurement.error(
          metric, "the query returned " + text + ", which is not a measurement", at);
      default -> parse(metric, text, at);
    };
  }

  private static Measurement parse(String metric, String text, String at) {
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Measurement.error(metric, "the sample value '" + text + "' is not a number", at);
    }
    if (Double.isNaN(value)) {
      return Measurement.noData(metric, "the query returned NaN (nothing to divide by?)", at);
    }
    if (Double.isInfinite(value)) {
      return Measurement.error(metric, "the query returned " + text + ", which is not a measurement", at);
    }
    return Measurement.value(metric, value, at);
  }
}
