package dev.deployflow.activities.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict reader of the label matchers of a PromQL selector ({@code {a="x", b=~'y'}}),
 * for tests: it unquotes strings by the rules of the PromQL lexer (Go escapes; a string holds no
 * raw line break and no escape the lexer does not know) and fails on anything else, so a test
 * can tell whether a rendered query still has the matchers its template had.
 */
final class PromQlMatchers {
  record Matcher(String label, String op, String value) {}

  /** The selector's matchers and the query text after its closing brace. */
  record Selector(String before, List<Matcher> matchers, String after) {}

  private final String text;
  private int pos;

  private PromQlMatchers(String text, int pos) {
    this.text = text;
    this.pos = pos;
  }

  /** Reads the first selector of the query; throws IllegalArgumentException when it is malformed. */
  static Selector read(String query) {
    int open = query.indexOf('{');
    if (open < 0) {
      throw new IllegalArgumentException("no selector");
    }
    PromQlMatchers reader = new PromQlMatchers(query, open + 1);
    List<Matcher> matchers = new ArrayList<>();
    reader.spaces();
    while (reader.peek() != '}') {
      String label = reader.label();
      reader.spaces();
      String op = reader.op();
      reader.spaces();
      String value = reader.string();
      matchers.add(new Matcher(label, op, value));
      reader.spaces();
      if (reader.peek() == ',') {
        reader.pos++;
        reader.spaces();
      } else if (reader.peek() != '}') {
        throw new IllegalArgumentException("expected , or } at " + reader.pos);
      }
    }
    return new Selector(query.substring(0, open), matchers, query.substring(reader.pos + 1));
  }

  private char peek() {
    if (pos >= text.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    return text.charAt(pos);
  }

  private void spaces() {
    while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private String label() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw new IllegalArgumentException("expected a label name at " + pos);
    }
    return text.substring(start, pos);
  }

  private String op() {
    for (String op : List.of("=~", "!~", "!=", "=")) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        return op;
      }
    }
    throw new IllegalArgumentException("expected a matcher operator at " + pos);
  }

  private String string() {
    char quote = peek();
    if (quote != '"' && quote != '\'' && quote != '`') {
      throw new IllegalArgumentException("expected a string at " + pos);
    }
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = peek();
      pos++;
      if (c == quote) {
        return out.toString();
      }
      if (quote == '`') {
        out.append(c);
      } else if (c == '\n') {
        throw new IllegalArgumentException("raw line break in a string");
      } else if (c == '\\') {
        escape(quote, out);
      } else {
        out.append(c);
      }
    }
  }

  private void escape(char quote, StringBuilder out) {
    char c = peek();
    pos++;
    switch (c) {
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case '\\' -> out.append('\\');
      case 'x' -> out.appendCodePoint(hex(2));
      case 'u' -> out.appendCodePoint(hex(4));
      case 'U' -> out.appendCodePoint(hex(8));
      default -> {
        if (c == quote) {
          out.append(c);
        } else {
          throw new IllegalArgumentException("unknown escape \\" + c + " in a " + quote + " string");
        }
      }
    }
  }

  private int hex(int digits) {
    if (pos + digits > text.length()) {
      throw new IllegalArgumentException("short escape");
    }
    int value = Integer.parseInt(text.substring(pos, pos + digits), 16);
    pos += digits;
    return value;
  }
}
