package dev.deployflow.pipeline;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${name}} placeholders in commands, URLs, headers and bodies. Release
 * variables ({@code version}, {@code previousVersion}, {@code environment}, {@code component},
 * {@code weight}, {@code application}) come from a map the workflow builds; {@code ${env:NAME}}
 * is read through a lookup that only activities supply, so that secrets never enter history.
 */
public final class Templates {
  /** A placeholder: {@code ${name}} or {@code ${env:NAME}}; group 1 is what stands inside the braces. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_.:-]*)}");

  /** The names of the release variables a pipeline may use. */
  public static final java.util.Set<String> VARIABLES =
      java.util.Set.of(
          "version", "previousVersion", "environment", "component", "weight", "application");

  private Templates() {}

  /**
   * Renders a template.
   *
   * @param vars the release variables
   * @param env reads {@code ${env:NAME}}; returns null for an unset variable
   * @throws IllegalArgumentException naming the placeholder that has no value
   */
  public static String render(String template, Map<String, String> vars, Function<String, String> env) {
    if (template == null) {
      return null;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (name.startsWith("env:")) {
        String envName = name.substring(4);
        value = env == null ? null : env.apply(envName);
        if (value == null) {
          throw new IllegalArgumentException(
              "environment variable " + envName + " is not set on the worker (used as ${" + name + "})");
        }
      } else {
        value = vars.get(name);
        if (value == null) {
          throw new IllegalArgumentException("no value for ${" + name + "} at this point of the release");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The names of the {@code ${env:NAME}} variables a template reads, so their values can be masked. */
  public static java.util.List<String> envNames(String template) {
    java.util.List<String> names = new java.util.ArrayList<>();
    if (template == null) {
      return names;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (m.group(1).startsWith("env:")) {
        names.add(m.group(1).substring(4));
      }
    }
    return names;
  }
}
