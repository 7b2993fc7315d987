package dev.deployflow.activities.releaselog;

import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small helpers shared by the release history and the post-mortem. Every value written through
 * them came from a person or a process (a reason, a version, a command's output) and is escaped,
 * so that it reads as the text it is and never as Markdown or HTML: no link, no image, no
 * {@code <script>}, no table cell of its own, no heading. Inline values are written with their
 * Markdown punctuation backslash-escaped, {@code <} as an entity and {@code &} too where it
 * would start one; multi-line values (a
 * summary, a command's output) go into fenced code blocks whose fence is longer than any run of
 * backquotes they hold.
 */
final class Markdown {
  /* Characters that start or end an inline construct: emphasis, code, links, tables, strikethrough. */
  private static final String INLINE_PUNCTUATION = "\\`*_[]|~";
  private static final Pattern LINE_START = Pattern.compile(">|#{1,6}(?=\\s|$)|[-+](?=\\s|$)");
  private static final Pattern ORDERED_ITEM = Pattern.compile("[0-9]{1,9}[.)](?=\\s|$)");

  private Markdown() {}

  /** Text for one table cell: escaped, on one line, a dash when empty. */
  static String cell(String text) {
    return orDash(text);
  }

  /** Text for one line: line breaks become spaces, control characters go, the rest is escaped. */
  static String inline(String text) {
    if (text == null) {
      return "";
    }
    String oneLine = withoutControlCharacters(text).strip().replaceAll("\\s*\\R\\s*", " ");
    StringBuilder out = new StringBuilder(oneLine.length() + 16);
    // A value may open a list item or a cell, where "> ", "# ", "- ", "+ " or "1. " would start a
    // quote, a heading or a list of its own.
    if (LINE_START.matcher(oneLine).lookingAt()) {
      out.append('\\');
    }
    Matcher ordered = ORDERED_ITEM.matcher(oneLine);
    int orderedMarker = ordered.lookingAt() ? ordered.end() - 1 : -1;
    for (int i = 0; i < oneLine.length(); i++) {
      char c = oneLine.charAt(i);
      switch (c) {
        // '<' opens HTML and autolinks; '&' an entity. A '>' in the middle of a line is plain text.
        case '<' -> out.append("&lt;");
        case '&' -> out.append(i + 1 < oneLine.length() && (oneLine.charAt(i + 1) == '#'
            || Character.isLetter(oneLine.charAt(i + 1))) ? "&amp;" : "&");
        default -> {
          // An underscore inside a word never emphasises (rolled_back stays readable as written).
          boolean intraword = c == '_' && i > 0 && i + 1 < oneLine.length()
              && Character.isLetterOrDigit(oneLine.charAt(i - 1)) && Character.isLetterOrDigit(oneLine.charAt(i + 1));
          if ((INLINE_PUNCTUATION.indexOf(c) >= 0 && !intraword) || i == orderedMarker) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }

  static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : inline(text);
  }

  /** A code span holding the text as it is: its fence is longer than any backquote run inside. */
  static String code(String text) {
    String oneLine = text == null || text.isBlank() ? "—" : withoutControlCharacters(text).strip().replaceAll("\\s*\\R\\s*", " ");
    String fence = "`".repeat(longestBackquoteRun(oneLine) + 1);
    boolean pad = oneLine.startsWith("`") || oneLine.endsWith("`");
    return fence + (pad ? " " : "") + oneLine + (pad ? " " : "") + fence;
  }

  /** A fenced code block holding the text line by line, never read as Markdown or HTML. */
  static String block(String text) {
    String body = withoutControlCharacters(text == null ? "" : text).strip();
    String fence = "`".repeat(Math.max(3, longestBackquoteRun(body) + 1));
    return fence + "text\n" + body + "\n" + fence + "\n";
  }

  static String names(List<String> names) {
    return names == null || names.isEmpty() ? "—" : String.join(", ", names.stream().map(Markdown::inline).toList());
  }

  static void bullets(StringBuilder out, List<String> items, String whenEmpty) {
    if (items == null || items.isEmpty()) {
      out.append("- ").append(whenEmpty).append('\n');
      return;
    }
    items.forEach(item -> out.append("- ").append(inline(item)).append('\n'));
  }

  /**
   * Bullets whose items may run over several lines (a failure with a command's output): the
   * first line as text, the rest as a code block inside the item.
   */
  static void detailedBullets(StringBuilder out, List<String> items, String whenEmpty) {
    if (items == null || items.isEmpty()) {
      out.append("- ").append(whenEmpty).append('\n');
      return;
    }
    for (String item : items) {
      String text = item == null ? "" : item.strip();
      int lineEnd = text.indexOf('\n');
      out.append("- ").append(inline(lineEnd < 0 ? text : text.substring(0, lineEnd))).append('\n');
      if (lineEnd >= 0 && !text.substring(lineEnd + 1).isBlank()) {
        out.append('\n');
        block(text.substring(lineEnd + 1)).lines().forEach(line -> out.append("  ").append(line).append('\n'));
        out.append('\n');
      }
    }
  }

  static void timeline(StringBuilder out, List<TimelineEvent> events) {
    if (events == null || events.isEmpty()) {
      out.append("- (no events recorded)\n");
      return;
    }
    for (TimelineEvent event : events) {
      out.append("- ").append(code(event.at())).append(' ').append(inline(event.event()));
      if (event.by() != null && !event.by().isBlank()) {
        out.append(" — by ").append(inline(event.by()));
      }
      out.append('\n');
    }
  }

  static void compensations(StringBuilder out, List<CompensationStatus> compensations, String whenEmpty) {
    // A compensation that was never needed (the release succeeded) says nothing to a reader.
    List<CompensationStatus> shown = compensations == null
        ? List.of()
        : compensations.stream().filter(c -> c.state() != dev.deployflow.model.CompensationState.NOT_RUN).toList();
    if (shown.isEmpty()) {
      out.append("- ").append(whenEmpty).append('\n');
      return;
    }
    for (CompensationStatus c : shown) {
      out.append("- ").append(inline(c.action())).append(": **").append(orDash(c.state() == null ? null : c.state().json())).append("**");
      if (c.detail() != null && !c.detail().isBlank()) {
        out.append(" — ").append(inline(c.detail()));
      }
      out.append('\n');
    }
  }

  /* Control characters (escape sequences that repaint a terminal, NUL…) go; line breaks and tabs stay. */
  private static String withoutControlCharacters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n' || c == '\t') {
        out.appendCodePoint(c);
      } else if (c == '\r') {
        // Dropped: a CRLF line break stays one line break.
      } else if (!Character.isISOControl(c) && c != 0x2028 && c != 0x2029) {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static int longestBackquoteRun(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
