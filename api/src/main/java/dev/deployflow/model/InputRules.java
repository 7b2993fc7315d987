package dev.deployflow.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The input rules of CONTRACT.md ("Input rules"), for every channel: each check returns the
 * problem as a person reads it, starting with the field's name ({@code version: …}), or null
 * when the value is acceptable. Pure, so the workflow's input check, its update validators, the
 * command line, REST and chat all apply the same rules.
 *
 * <p>A problem quotes the offending value only through {@link #quote}: at most
 * {@value #QUOTED_CHARACTERS} characters, control characters escaped, so that a refusal never
 * echoes a megabyte or a terminal escape sequence back to its sender, its logs or the status.
 */
public final class InputRules {

  /** Versions: never start with {@code -}, never hold quotes, slashes, spaces or control characters. */
  public static final String VERSION_RULE = "[0-9A-Za-z][0-9A-Za-z._+-]{0,127}";
  /** Applications and pipelines: safe as a workflow id and as a file name. */
  public static final String NAME_RULE = "[a-z0-9][a-z0-9-]{0,62}";
  /** People: {@code requestedBy} and every message's {@code by}. */
  public static final String PERSON_RULE = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

  public static final Pattern VERSION = Pattern.compile(VERSION_RULE);
  public static final Pattern NAME = Pattern.compile(NAME_RULE);
  public static final Pattern PERSON = Pattern.compile(PERSON_RULE);
  private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The longest {@code comment}, {@code reason} or {@code rollbackPlan}. */
  public static final int MAX_TEXT = 1_000;
  /** The most entries {@code changes} may hold, and the longest entry. */
  public static final int MAX_CHANGES = 100;
  public static final int MAX_CHANGE = 300;
  /** How much of a refused value a problem quotes. */
  public static final int QUOTED_CHARACTERS = 40;

  private InputRules() {}

  /** A required version. */
  public static String version(String field, String value) {
    return matches(field, value, VERSION, VERSION_RULE,
        " (letters, digits and . _ + -, at most 128, starting with a letter or digit)");
  }

  /** A required application or pipeline name. */
  public static String name(String field, String value) {
    return matches(field, value, NAME, NAME_RULE, "");
  }

  /** A required person ({@code by}, {@code requestedBy}). */
  public static String person(String field, String value) {
    if (blank(value)) {
      return field + ": is required; say who sends this message, e.g. {\"" + field + "\":\"bob\"}";
    }
    return matches(field, value, PERSON, PERSON_RULE, "");
  }

  /**
   * An optional free text ({@code comment}, {@code reason}, {@code rollbackPlan}): at most
   * {@value #MAX_TEXT} characters, no control characters but newline.
   */
  public static String text(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_TEXT) {
      return field + ": is " + value.length() + " characters long; at most " + MAX_TEXT + " are allowed";
    }
    return controlCharacters(field, value, true);
  }

  /** The optional {@code changes}: at most {@value #MAX_CHANGES} entries of at most {@value #MAX_CHANGE} characters. */
  public static String changes(String field, List<String> changes) {
    if (changes == null) {
      return null;
    }
    if (changes.size() > MAX_CHANGES) {
      return field + ": holds " + changes.size() + " entries; at most " + MAX_CHANGES + " are allowed";
    }
    for (int i = 0; i < changes.size(); i++) {
      String entry = changes.get(i);
      String path = field + "[" + i + "]";
      if (entry == null) {
        return path + ": must not be null";
      }
      if (entry.length() > MAX_CHANGE) {
        return path + ": is " + entry.length() + " characters long; at most " + MAX_CHANGE + " are allowed";
      }
      String control = controlCharacters(path, entry, false);
      if (control != null) {
        return control;
      }
    }
    return null;
  }

  /** An optional ISO-8601 instant such as {@code 2026-05-04T10:15:30Z}. */
  public static String instant(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      Instant.parse(value);
      return null;
    } catch (DateTimeParseException e) {
      return field + ": " + quote(value) + " is not an ISO-8601 instant such as 2026-05-04T10:15:30Z";
    }
  }

  /**
   * The value as a refusal may show it: in single quotes, control characters and backslashes
   * escaped ({@code \n}, {@code \u001b}), cut after {@value #QUOTED_CHARACTERS} characters with
   * its full length said. Null reads {@code null}.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    int shown = Math.min(value.length(), QUOTED_CHARACTERS);
    if (shown < value.length() && Character.isHighSurrogate(value.charAt(shown - 1))) {
      shown--; // never cut a character in half
    }
    for (int i = 0; i < shown; i++) {
      out.append(escape(value.charAt(i)));
    }
    out.append('\'');
    if (value.length() > shown) {
      out.append("… (").append(value.length()).append(" characters)");
    }
    return out.toString();
  }

  /**
   * A field name as a sender wrote it, which may be anything, fit for a refusal: as it is when it is
   * a plain name (letters, digits, {@code _} and {@code -}, at most 64), else {@link #quote}d.
   */
  public static String fieldName(String name) {
    return name != null && PLAIN_FIELD.matcher(name).matches() ? name : quote(name);
  }

  /**
   * A name fit to be shown and stored next to a refusal ({@code rejectedMessages[].by}): the name
   * itself when it follows the person rule, else its {@link #quote}d form (or null when absent).
   */
  public static String displayName(String by) {
    if (by == null || PERSON.matcher(by).matches()) {
      return by;
    }
    return quote(by);
  }

  /** A control character: C0, DEL and C1, and the Unicode line and paragraph separators. */
  public static boolean isControl(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }

  private static String matches(String field, String value, Pattern pattern, String rule, String hint) {
    if (blank(value)) {
      return field + ": is required";
    }
    if (pattern.matcher(value).matches()) {
      return null;
    }
    return field + ": " + quote(value) + " must match " + rule + hint;
  }

  private static String controlCharacters(String field, String value, boolean newlineAllowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isControl(c) && !(newlineAllowed && c == '\n')) {
        return field + ": must not contain control characters" + (newlineAllowed ? " other than newline" : "")
            + "; found " + escape(c) + " at position " + i;
      }
    }
    return null;
  }

  private static String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\\' -> "\\\\";
      default -> isControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    };
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
