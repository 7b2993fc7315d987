package dev.deployflow.activities.secrets;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Substitution in a URL. Where a placeholder stands decides what its value may be:
 *
 * <ul>
 *   <li>at the very start: only {@code ${env:NAME}}, holding an absolute http(s) URL (the base
 *       URL of a service, such as {@code ${env:DEMO_TARGET_URL}/deploy}, or a whole webhook URL);
 *       it is the worker's configuration and is taken as it is. A release variable may not start
 *       a URL, since it may come from a caller.
 *   <li>in the host: only letters, digits, {@code .} and {@code -} (and {@code :}, {@code [},
 *       {@code ]} from the worker's configuration, for a port or an IPv6 address); anything else
 *       is refused, because no escaping exists there.
 *   <li>in the path, the query or the fragment: percent-encoded (everything but
 *       {@code A-Za-z0-9-._~}), so that a value is one path segment or one query name or value,
 *       whatever it holds. A value that would make a whole path segment {@code .} or {@code ..}
 *       is refused, since URL parsers resolve those even when percent-encoded.
 *   <li>in the scheme: refused.
 * </ul>
 */
final class UrlContext implements SubstitutionContext {
  private static final Pattern HOST_PART = Pattern.compile("[A-Za-z0-9.-]+");
  private static final Pattern CONFIGURED_HOST_PART = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+");

  private enum Position { START, SCHEME, HOST, PATH, QUERY, FRAGMENT }

  private final String field;
  /* The URL's structure so far: literal text, the base URL, and an "x" for every escaped value. */
  private final StringBuilder structure = new StringBuilder();

  /** @param field what the URL is, for messages, such as {@code the URL} */
  UrlContext(String field) {
    this.field = field;
  }

  @Override
  public void literal(String text) {
    structure.append(text);
  }

  @Override
  public String substitute(String placeholder, boolean fromEnvironment, String value) {
    switch (position()) {
      case START -> {
        if (!fromEnvironment) {
          throw new UnsafeValueException(placeholder + " cannot start " + field
              + ": a URL starts with its scheme and host, or with ${env:NAME} holding a base URL");
        }
        if (HttpUrl.parse(value) == null) {
          throw new UnsafeValueException(placeholder + " starts " + field
              + ", so it must hold an absolute http(s) URL, and it does not");
        }
        structure.append(value);
        return value;
      }
      case SCHEME -> throw new UnsafeValueException(placeholder + " cannot stand in the scheme of " + field);
      case HOST -> {
        Pattern allowed = fromEnvironment ? CONFIGURED_HOST_PART : HOST_PART;
        if (!allowed.matcher(value).matches()) {
          throw new UnsafeValueException(placeholder + " stands in the host of " + field
              + " and may hold only letters, digits, '.' and '-' there");
        }
        structure.append('x');
        return value;
      }
      default -> {
        structure.append('x');
        return Escapes.percentEncode(value);
      }
    }
  }

  @Override
  public String finish(String rendered) {
    HttpUrl expected = HttpUrl.parse(structure.toString());
    HttpUrl actual = HttpUrl.parse(rendered);
    if (expected != null && actual != null
        && (expected.pathSize() != actual.pathSize() || expected.querySize() != actual.querySize())) {
      throw new UnsafeValueException("a value substituted in the path of " + field
          + " makes a whole segment '.' or '..', which would change the path");
    }
    return rendered;
  }

  private Position position() {
    String text = structure.toString();
    if (text.isEmpty()) {
      return Position.START;
    }
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) {
      // No scheme yet: either still writing it, or a relative URL that the caller will refuse.
      return text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')
          ? Position.SCHEME
          : Position.PATH;
    }
    int hostStart = schemeEnd + 3;
    int fragment = text.indexOf('#', hostStart);
    if (fragment >= 0) {
      return Position.FRAGMENT;
    }
    int query = text.indexOf('?', hostStart);
    if (query >= 0) {
      return Position.QUERY;
    }
    return text.indexOf('/', hostStart) >= 0 ? Position.PATH : Position.HOST;
  }
}
