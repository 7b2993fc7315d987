package dev.deployflow.activities.secrets;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Substitution in a Prometheus query. Inside a quoted string (a label value such as
 * {@code app="${application}"}) a value is escaped as a PromQL string, so it stays that label
 * value; after {@code =~} or {@code !~} it is also quoted as an RE2 literal, so that a value
 * never widens the matcher into a pattern. In a raw string (backquotes), which has no escapes, a
 * value holding a backquote is refused. Outside strings, where a value becomes part of the query
 * itself ({@code rate(x[${window}])}), it may only be a name or number made of letters, digits,
 * {@code _ . :} and not a PromQL keyword; anything else is refused.
 */
final class PromQlContext implements SubstitutionContext {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.:]+");
  private static final Set<String> KEYWORDS = Set.of(
      "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "offset", "atan2", "start", "end", "inf", "nan");

  /* The quote that opened the current string, or 0 outside strings. */
  private char quote;
  private boolean escaped;
  private boolean regex;
  /* The last two characters seen outside strings, ignoring white space: "=~" opens a regex. */
  private final StringBuilder lastOperator = new StringBuilder();

  @Override
  public void literal(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0) {
        if (c == '"' || c == '\'' || c == '`') {
          quote = c;
          regex = lastOperator.toString().endsWith("=~") || lastOperator.toString().endsWith("!~");
        } else if (!Character.isWhitespace(c)) {
          lastOperator.append(c);
          if (lastOperator.length() > 2) {
            lastOperator.deleteCharAt(0);
          }
        }
      } else if (escaped) {
        escaped = false;
      } else if (c == '\\' && quote != '`') {
        escaped = true;
      } else if (c == quote) {
        quote = 0;
        lastOperator.setLength(0);
      }
    }
  }

  @Override
  public String substitute(String placeholder, boolean fromEnvironment, String value) {
    if (quote == 0) {
      lastOperator.setLength(0);
      lastOperator.append("xx");
      if (BARE.matcher(value).matches() && !KEYWORDS.contains(value.toLowerCase(Locale.ROOT))) {
        return value;
      }
      throw new UnsafeValueException(placeholder + " stands outside a string in the Prometheus query, where only"
          + " letters, digits, '_', '.' and ':' may stand; write it inside quotes as a label value: \"" + placeholder + "\"");
    }
    if (escaped) {
      throw new UnsafeValueException(placeholder + " follows a backslash in the Prometheus query; write it on its own");
    }
    String text = regex ? Escapes.re2Literal(value) : value;
    if (quote == '`') {
      if (text.indexOf('`') >= 0) {
        throw new UnsafeValueException(placeholder + " stands in a raw `string` of the Prometheus query and its value"
            + " holds a backquote, which a raw string cannot hold; use double quotes instead");
      }
      return text;
    }
    return Escapes.promqlString(text, quote);
  }
}
