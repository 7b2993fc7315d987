package dev.deployflow.activities.secrets;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.pipeline.Templates;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders pipeline templates inside an activity: release variables from the request,
 * {@code ${env:NAME}} from the worker's environment. Every environment value it reads is
 * registered with its {@link SecretMasker}, so that whatever the rendered text produces later
 * (output, messages) can be masked. Use one renderer per activity call.
 *
 * <p>Substitution is context-aware (CONTRACT.md, "Input rules"): a value never changes the
 * structure of what it is written into. {@link #url} percent-encodes it as a path segment or
 * query value, {@link #jsonBody} escapes it as JSON string content, {@link #promQl} as a PromQL
 * label value, {@link #headerValue} refuses line breaks, {@link #argument} keeps it one
 * argument that cannot pose as an option. A value that no escaping can keep in place is refused
 * with an {@link UnsafeValueException} naming the placeholder, never the value. {@link #render}
 * is for text without structure.
 */
public final class TemplateRenderer {
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final Map<String, String> environment;
  private final SecretMasker masker;

  /** A renderer reading {@code environment}, with a masker primed from the same environment. */
  public TemplateRenderer(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.masker = SecretMasker.forEnvironment(this.environment);
  }

  private TemplateRenderer(Map<String, String> environment, SecretMasker masker) {
    this.environment = environment;
    this.masker = masker;
  }

  /**
   * The renderer of an activity call on this worker: its masker also knows the value of every
   * {@code ${env:NAME}} that a pipeline in the worker's pipeline directory references, so that a
   * secret read by another step (the deploy hook's token) is masked in this one's output too.
   */
  public static TemplateRenderer forWorker(ActivitySettings settings) {
    Map<String, String> environment = settings.environment();
    SecretMasker masker = SecretMasker.forEnvironment(environment);
    for (String name : ReferencedEnvNames.in(settings.pipelinesDir())) {
      masker.register(environment.get(name));
    }
    return new TemplateRenderer(environment, masker);
  }

  /**
   * Renders text without structure (a log line, a summary), values as they are.
   *
   * @throws IllegalArgumentException naming the placeholder that has no value (never a value)
   */
  public String render(String template, Map<String, String> vars) {
    return Templates.render(template, vars == null ? Map.of() : vars, this::readEnvironment);
  }

  /** Renders a URL; see {@link UrlContext} for what a value may be where. */
  public String url(String template, Map<String, String> vars) {
    return renderIn(template, vars, new UrlContext("the URL"));
  }

  /**
   * Renders a request body by its content type: JSON (a type naming {@code json}, or no type and
   * a body starting with {@code {} or {@code [}) as {@link JsonBodyContext} says, a form
   * ({@code application/x-www-form-urlencoded}) with percent-encoded values, other text as it is.
   */
  public String body(String template, String contentType, Map<String, String> vars) {
    if (template == null) {
      return null;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean json = type.contains("json")
        || (type.isEmpty() && (template.stripLeading().startsWith("{") || template.stripLeading().startsWith("[")));
    if (json) {
      return jsonBody(template, vars);
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return renderIn(template, vars, escaping(Escapes::percentEncode));
    }
    return render(template, vars);
  }

  /** Renders a JSON body; see {@link JsonBodyContext}. */
  public String jsonBody(String template, Map<String, String> vars) {
    return renderIn(template, vars, new JsonBodyContext());
  }

  /** Renders a Prometheus query; see {@link PromQlContext}. */
  public String promQl(String template, Map<String, String> vars) {
    return renderIn(template, vars, new PromQlContext());
  }

  /** Renders a header name: it must stay an HTTP token. */
  public String headerName(String template, Map<String, String> vars) {
    String name = render(template, vars);
    if (name == null || !HEADER_NAME.matcher(name).matches()) {
      throw new UnsafeValueException("the header name '" + template + "' does not render to an HTTP header name");
    }
    return name;
  }

  /**
   * Renders a header value. A value holding a line break (which would start another header, or
   * the body) or any other control or non-ASCII character is refused.
   */
  public String headerValue(String headerName, String template, Map<String, String> vars) {
    return renderIn(template, vars, refusing(value -> value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7F)),
        placeholder -> placeholder + " in header " + headerName
            + " holds a line break, a control character or a non-ASCII character, which a header cannot carry"));
  }

  /**
   * Renders one command argument. It stays one argument (commands never go through a shell); a
   * value that starts the argument with {@code -} is refused, since the program would read it as
   * an option ({@code --output=/etc/passwd}), and so is a NUL character, which no argument holds.
   */
  public String argument(String template, Map<String, String> vars) {
    return renderIn(template, vars, new SubstitutionContext() {
      private boolean atStart = true;

      @Override
      public void literal(String text) {
        atStart &= text.isEmpty();
      }

      @Override
      public String substitute(String placeholder, boolean fromEnvironment, String value) {
        if (value.indexOf('\0') >= 0) {
          throw new UnsafeValueException(placeholder + " holds a NUL character, which no command argument can hold");
        }
        if (atStart && value.startsWith("-")) {
          throw new UnsafeValueException(placeholder + " starts a command argument with '-', so the program would read"
              + " it as an option; write the option yourself, such as --version=" + placeholder);
        }
        atStart &= value.isEmpty();
        return value;
      }
    });
  }

  /**
   * Renders a relative path such as a working directory: a value may not hold {@code /},
   * {@code \} or NUL, nor be {@code .} or {@code ..}, so it names one directory and never leaves
   * the worker's.
   */
  public String pathPart(String template, Map<String, String> vars) {
    return renderIn(template, vars, refusing(
        value -> !value.equals(".") && !value.equals("..") && value.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0),
        placeholder -> placeholder + " in a path must name one directory: no '/', '\\', '.' or '..'"));
  }

  /** The masker that knows every secret this renderer has read so far. */
  public SecretMasker masker() {
    return masker;
  }

  /** The worker variable's value, registered as a secret; null when it is unset. */
  public String readEnvironment(String name) {
    String value = environment.get(name);
    masker.register(value);
    return value;
  }

  private String renderIn(String template, Map<String, String> vars, SubstitutionContext context) {
    if (template == null) {
      return null;
    }
    Map<String, String> values = vars == null ? Map.of() : vars;
    Matcher m = Templates.PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String literal = template.substring(last, m.start());
      context.literal(literal);
      out.append(literal);
      String name = m.group(1);
      boolean fromEnvironment = name.startsWith("env:");
      // Resolved by the same rules (and messages) as the plain form, one placeholder at a time.
      String value = Templates.render(m.group(), values, this::readEnvironment);
      out.append(context.substitute(m.group(), fromEnvironment, value));
      last = m.end();
    }
    String tail = template.substring(last);
    context.literal(tail);
    out.append(tail);
    return context.finish(out.toString());
  }

  private static SubstitutionContext escaping(java.util.function.UnaryOperator<String> escape) {
    return new SubstitutionContext() {
      @Override
      public void literal(String text) {}

      @Override
      public String substitute(String placeholder, boolean fromEnvironment, String value) {
        return escape.apply(value);
      }
    };
  }

  private static SubstitutionContext refusing(
      java.util.function.Predicate<String> allowed, java.util.function.UnaryOperator<String> why) {
    return new SubstitutionContext() {
      @Override
      public void literal(String text) {}

      @Override
      public String substitute(String placeholder, boolean fromEnvironment, String value) {
        if (!allowed.test(value)) {
          throw new UnsafeValueException(why.apply(placeholder));
        }
        return value;
      }
    };
  }
}
