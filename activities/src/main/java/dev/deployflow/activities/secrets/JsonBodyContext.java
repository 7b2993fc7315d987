package dev.deployflow.activities.secrets;

import java.util.regex.Pattern;

/**
 * Substitution in a JSON body. Inside a JSON string a value is JSON-string-escaped, so it stays
 * that string's content whatever it holds (quotes, backslashes, control characters). Outside a
 * string, where {@code "weight":${weight}} writes a number, a value must be a JSON number,
 * {@code true}, {@code false} or {@code null}; anything else is refused, because there is no
 * escaping that keeps arbitrary text a single JSON value there (put the placeholder in quotes).
 * A placeholder right after a backslash inside a string is refused too: the backslash would
 * escape the value's first character.
 */
final class JsonBodyContext implements SubstitutionContext {
  private static final Pattern SCALAR =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false|null");

  private boolean inString;
  private boolean escaped;

  @Override
  public void literal(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (inString && c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = !inString;
      }
    }
  }

  @Override
  public String substitute(String placeholder, boolean fromEnvironment, String value) {
    if (escaped) {
      throw new UnsafeValueException(placeholder + " follows a backslash in the JSON body; write it on its own");
    }
    if (inString) {
      return Escapes.jsonString(value);
    }
    if (SCALAR.matcher(value).matches()) {
      return value;
    }
    throw new UnsafeValueException(placeholder + " stands outside a JSON string in the body, where only a number,"
        + " true, false or null may stand, and its value is none of these; write it inside quotes: \"" + placeholder + "\"");
  }
}
