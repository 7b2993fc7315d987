package dev.deployflow.worker.chat;

/**
 * Makes a value safe to echo in a Slack message: it shows as the text it is and cannot format,
 * link or notify. Slack decodes only {@code &amp;}, {@code &lt;} and {@code &gt;}, so those
 * three are escaped (which also disarms {@code <!channel>}, {@code <@U…>} and
 * {@code <url|label>}). mrkdwn has no escape for its formatting characters, so {@code *},
 * {@code _}, {@code ~} and {@code `} are replaced by look-alikes that Slack does not read as
 * markup. Line breaks and other control characters become spaces, so a value cannot start a
 * quote or a line of its own.
 */
public final class SlackText {
  private SlackText() {}

  /** Each line of {@code text} escaped, the line breaks kept. */
  public static String escapeLines(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      out.append(i == 0 ? "" : "\n").append(escape(lines[i]));
    }
    return out.toString();
  }

  /** {@code value} as plain text inside a Slack message; null reads {@code null}. */
  public static String escape(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '*' -> out.append('\u2217'); // ∗ ASTERISK OPERATOR
        case '_' -> out.append('\u02CD'); // ˍ MODIFIER LETTER LOW MACRON
        case '~' -> out.append('\u223C'); // ∼ TILDE OPERATOR
        case '`' -> out.append('\u02CB'); // ˋ MODIFIER LETTER GRAVE ACCENT
        default -> out.append(
            Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
