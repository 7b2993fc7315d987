package dev.deployflow.activities.secrets;

import dev.deployflow.pipeline.Templates;
import java.util.Map;

/**
 * Renders pipeline templates inside an activity: release variables from the request,
 * {@code ${env:NAME}} from the worker's environment. Every environment value it reads is
 * registered with its {@link SecretMasker}, so that whatever the rendered text produces later
 * (output, messages) can be masked. Use one renderer per activity call.
 */
public final class TemplateRenderer {
  private final Map<String, String> environment;
  private final SecretMasker masker;

  /** A renderer reading {@code environment}, with a masker primed from the same environment. */
  public TemplateRenderer(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    this.masker = SecretMasker.forEnvironment(this.environment);
  }

  /**
   * Renders one template.
   *
   * @throws IllegalArgumentException naming the placeholder that has no value (never a value)
   */
  public String render(String template, Map<String, String> vars) {
    return Templates.render(template, vars == null ? Map.of() : vars, this::readEnvironment);
  }

  /** The masker that knows every secret this renderer has read so far. */
  public SecretMasker masker() {
    return masker;
  }

  private String readEnvironment(String name) {
    String value = environment.get(name);
    masker.register(value);
    return value;
  }
}
