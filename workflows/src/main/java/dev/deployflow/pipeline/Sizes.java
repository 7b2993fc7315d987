package dev.deployflow.pipeline;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads artifact size limits: a whole number and {@code B}, {@code KB}, {@code MB}, {@code GB} (powers of 1024). */
public final class Sizes {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB|TB)?");

  private Sizes() {}

  /**
   * Parses a size into bytes.
   *
   * @throws IllegalArgumentException naming the accepted format when the text is not one
   */
  public static long parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a size is required, such as 300MB");
    }
    Matcher m = FORMAT.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size; write a whole number and a unit: 512KB, 300MB, 2GB");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    int shift = switch (unit) {
      case "KB" -> 10;
      case "MB" -> 20;
      case "GB" -> 30;
      case "TB" -> 40;
      default -> 0;
    };
    return Math.multiplyExact(amount, 1L << shift);
  }
}
