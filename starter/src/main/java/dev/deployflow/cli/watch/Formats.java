package dev.deployflow.cli.watch;

import dev.deployflow.cli.Printable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Small text helpers shared by the live views and the status screen; every value they return
 * is {@link Printable}.
 */
final class Formats {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  private Formats() {}

  /** The time of day of an ISO-8601 instant, or the text as it is when it is not one. */
  static String clock(String isoInstant) {
    if (isoInstant == null || isoInstant.isBlank()) {
      return "--:--:--";
    }
    try {
      return CLOCK.format(Instant.parse(isoInstant));
    } catch (DateTimeParseException e) {
      return Printable.line(isoInstant);
    }
  }

  /** A weight bar of ten cells, e.g. {@code [█████░░░░░]  50%}. */
  static String weightBar(int weight) {
    int clamped = Math.max(0, Math.min(100, weight));
    int filled = Math.round(clamped / 10f);
    return "[" + "█".repeat(filled) + "░".repeat(10 - filled) + "] " + pad(clamped + "%", 4, true);
  }

  /** A measurement value, short and without trailing noise. */
  static String number(Double value) {
    if (value == null) {
      return "no data";
    }
    if (value.isNaN() || value.isInfinite()) {
      return String.valueOf(value);
    }
    // Four significant digits, no trailing zeros: 0.001, 0.0412, 250.
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  static String pad(String text, int width, boolean left) {
    String value = text == null ? "" : Printable.line(text);
    if (value.length() >= width) {
      return value;
    }
    String spaces = " ".repeat(width - value.length());
    return left ? spaces + value : value + spaces;
  }

  static String orDash(String text) {
    return text == null || text.isBlank() ? "-" : Printable.line(text);
  }

  static String join(List<String> items) {
    return items == null || items.isEmpty()
        ? "-"
        : String.join(", ", items.stream().map(Printable::line).toList());
  }
}
