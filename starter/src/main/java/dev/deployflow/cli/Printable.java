package dev.deployflow.cli;

/**
 * Makes a value from a release safe to print on a terminal. Versions, reasons, timeline events
 * and refusal texts come from people and processes; an escape sequence among them could clear
 * the screen, fake a line, retitle the window or hide text. Control characters are removed (a tab
 * becomes a space), and so are the Unicode line separators and the bidirectional overrides that
 * reorder what a reader sees. {@link #line} removes line breaks too; {@link #text} keeps newlines
 * where a value is printed over several lines.
 *
 * <p>JSON output needs none of this: the JSON writer escapes every control character.
 */
public final class Printable {
  private Printable() {}

  /** {@code value} for one line: no control characters at all; null stays null. */
  public static String line(String value) {
    return clean(value, false);
  }

  /** {@code value} over several lines: newlines kept, every other control character removed. */
  public static String text(String value) {
    return clean(value, true);
  }

  private static String clean(String value, boolean keepNewlines) {
    if (value == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean keep = !unprintable(c) || (keepNewlines && c == '\n');
      if (keep && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(value.length()).append(value, 0, i);
      }
      if (keep) {
        out.append(c);
      } else if (c == '\t' || c == '\n' || c == '\r') {
        // Words separated by a tab or a line break stay apart on one line.
        out.append(' ');
      }
    }
    return out == null ? value : out.toString();
  }

  private static boolean unprintable(char c) {
    return Character.isISOControl(c) // C0, DEL and C1, ESC and CSI among them
        || c == '\u2028' || c == '\u2029' // line and paragraph separators
        || (c >= '\u202A' && c <= '\u202E') // bidirectional embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069'); // bidirectional isolates
  }
}
