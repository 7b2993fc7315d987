package dev.deployflow.analysis;

/**
 * One reading of a metric source. {@code kind} says whether a value was read, the source had no
 * data, or the source could not be read; {@code detail} explains the latter two. {@code at} is an
 * ISO-8601 instant.
 */
public record Measurement(String metric, Kind kind, Double value, String detail, String at) {

  /** What the source gave. */
  public enum Kind {
    VALUE,
    NO_DATA,
    ERROR
  }

  public static Measurement value(String metric, double value, String at) {
    return new Measurement(metric, Kind.VALUE, value, null, at);
  }

  public static Measurement noData(String metric, String detail, String at) {
    return new Measurement(metric, Kind.NO_DATA, null, detail, at);
  }

  public static Measurement error(String metric, String detail, String at) {
    return new Measurement(metric, Kind.ERROR, null, detail, at);
  }
}
