package dev.deployflow.activities.secrets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The escapings that keep a substituted value inside its field: percent-encoding for URLs,
 * JSON-string escaping, PromQL string escaping and RE2 quoting. The masker uses the same
 * functions, so that a secret is masked in exactly the form a request carried it.
 */
public final class Escapes {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final String RE2_META = "\\.+*?()|[]{}^$";

  private Escapes() {}

  /**
   * Percent-encodes every byte of the UTF-8 form except the unreserved characters
   * {@code A-Z a-z 0-9 - . _ ~}: the result is one path segment, one query name or one query
   * value, whatever the value held ({@code / ? # & = + %} included).
   */
  public static String percentEncode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /** The value as the inside of a JSON string (without the quotes). */
  public static String jsonString(String value) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(value));
  }

  /**
   * The value as the inside of a PromQL string opened by {@code quote} ({@code "} or {@code '}):
   * backslash, the quote and every control character escaped, since the PromQL lexer ends a
   * string at an unescaped quote and refuses a raw line break.
   */
  public static String promqlString(String value, char quote) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7F) {
            out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** The value as an RE2 pattern matching exactly itself, for {@code =~} and {@code !~} matchers. */
  public static String re2Literal(String value) {
    StringBuilder out = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (RE2_META.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
