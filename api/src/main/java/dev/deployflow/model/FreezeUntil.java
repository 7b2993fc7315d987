package dev.deployflow.model;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a freeze ends, as people write it on the command line and in chat: an ISO-8601 instant
 * ({@code 2026-12-24T00:00:00Z}) or a duration from now ({@code 30m}, {@code 2h}, {@code 3d}). One
 * rule for every channel, so that {@code --until 2h} means the same in the CLI and in chat.
 */
public final class FreezeUntil {
  private static final Pattern RELATIVE = Pattern.compile("([1-9][0-9]{0,5})([mhd])");

  private FreezeUntil() {}

  /**
   * The instant {@code until} names, a duration counting from {@code now}.
   *
   * @throws IllegalArgumentException when it is neither an instant nor such a duration, saying so
   */
  public static Instant parse(String until, Instant now) {
    String text = until == null ? "" : until.trim();
    Matcher relative = RELATIVE.matcher(text);
    if (relative.matches()) {
      long amount = Long.parseLong(relative.group(1));
      Duration duration = switch (relative.group(2)) {
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
      return now.plus(duration);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--until " + InputRules.quote(text)
          + " is neither an instant such as 2026-12-24T00:00:00Z nor a duration such as 2h");
    }
  }
}
