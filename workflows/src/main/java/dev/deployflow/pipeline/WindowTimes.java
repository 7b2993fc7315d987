package dev.deployflow.pipeline;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parts of a {@link WindowSpec}: day names {@code mon}..{@code sun} (any case), times of
 * day {@code HH:mm} and IANA zone ids. Shared by the validator and the window calculation so that
 * both read a window the same way.
 */
public final class WindowTimes {
  /** The accepted day names, Monday first. */
  public static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  /** Minutes in a day; {@code 24:00} as a closing time reads as this value. */
  public static final int END_OF_DAY = 24 * 60;

  private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})");

  private WindowTimes() {}

  /**
   * Reads a day name.
   *
   * @throws IllegalArgumentException listing the accepted names when the text is not one
   */
  public static DayOfWeek day(String name) {
    int index = name == null ? -1 : DAY_NAMES.indexOf(name.trim().toLowerCase(Locale.ROOT));
    if (index < 0) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a day; use " + String.join(", ", DAY_NAMES));
    }
    return DayOfWeek.of(index + 1);
  }

  /** The short name of a day, as a pipeline writes it. */
  public static String dayName(DayOfWeek day) {
    return DAY_NAMES.get(day.getValue() - 1);
  }

  /**
   * Reads a time of day {@code HH:mm} as minutes since midnight.
   *
   * @param endOfDayAllowed whether {@code 24:00} (the end of the day, for closing times) is accepted
   * @throws IllegalArgumentException naming the accepted format when the text is not one
   */
  public static int minuteOfDay(String text, boolean endOfDayAllowed) {
    Matcher m = text == null ? null : TIME.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a time of day; write HH:mm, such as 09:00");
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = Integer.parseInt(m.group(2));
    if (endOfDayAllowed && hour == 24 && minute == 0) {
      return END_OF_DAY;
    }
    if (hour > 23 || minute > 59) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time of day; hours run 00-23 and minutes 00-59"
              + (endOfDayAllowed ? " (24:00 closes at midnight)" : ""));
    }
    return hour * 60 + minute;
  }

  /** Writes minutes since midnight as {@code HH:mm}. */
  public static String formatMinute(int minuteOfDay) {
    return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
  }

  /**
   * Reads a time zone id such as {@code Europe/Berlin}.
   *
   * @throws IllegalArgumentException when the id is missing or unknown
   */
  public static ZoneId zone(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a time zone is required, such as Europe/Berlin");
    }
    try {
      return ZoneId.of(id.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + id + "' is not a known time zone, such as Europe/Berlin", e);
    }
  }
}
