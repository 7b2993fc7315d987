package dev.deployflow.pipeline;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the pipeline's durations: a whole number and a unit, {@code 30s}, {@code 10m}, {@code 2h}, {@code 7d}. */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the accepted format when the text is not one
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a duration is required, such as 30s, 10m, 2h or 7d");
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write a whole number and a unit: 30s, 10m, 2h, 7d");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /** Parses {@code text}, or returns {@code fallback} when the text is null or blank. */
  public static Duration parseOr(String text, Duration fallback) {
    return text == null || text.isBlank() ? fallback : parse(text);
  }

  /** Writes a duration the way a pipeline would: the largest unit that divides it evenly. */
  public static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1_000L == 0) {
      return ms / 1_000L + "s";
    }
    return ms + "ms";
  }
}
