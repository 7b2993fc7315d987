package dev.deployflow.pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the pipeline's percentages, such as {@code maxIncrease: 50%}, as fractions ({@code 0.5}). */
public final class Percentages {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,6})?)\\s*%");

  private Percentages() {}

  /**
   * Parses a percentage into a fraction: {@code 50%} is {@code 0.5}, {@code 150%} is {@code 1.5}.
   *
   * @throws IllegalArgumentException naming the accepted format when the text is not one
   */
  public static double parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a percentage is required, such as 50%");
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a percentage; write a number and a percent sign, such as 50%");
    }
    return Double.parseDouble(m.group(1)) / 100.0;
  }
}
