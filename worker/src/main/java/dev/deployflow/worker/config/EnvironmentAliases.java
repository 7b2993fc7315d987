package dev.deployflow.worker.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the documented environment variables as aliases of their properties:
 * {@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY},
 * {@code DEPLOYFLOW_PIPELINES_DIR}, {@code DEPLOYFLOW_SLACK_SIGNING_SECRET},
 * {@code DEPLOYFLOW_SLACK_TEAM_ID}, {@code DEPLOYFLOW_CHAT_USERS} and
 * {@code DEPLOYFLOW_API_TOKENS}.
 *
 * <p>Spring's relaxed binding cannot do this itself: {@code DEPLOYFLOW_PIPELINES_DIR} would bind
 * to {@code deployflow.pipelines.dir}, and {@code TEMPORAL_ADDRESS} to no property at all. The
 * aliases rank just below the process environment, so that command-line arguments, system
 * properties and the property's own environment variable still win, and any configuration file
 * loses, as Spring does for every other environment variable.
 */
public class EnvironmentAliases implements EnvironmentPostProcessor {

  /** The name of the property source holding the aliases. */
  public static final String SOURCE_NAME = "deployflowEnvironmentAliases";

  /** Environment variable to property. */
  static final Map<String, String> ALIASES =
      Map.of(
          "TEMPORAL_ADDRESS", "spring.temporal.connection.target",
          "TEMPORAL_NAMESPACE", "spring.temporal.namespace",
          "TEMPORAL_API_KEY", "spring.temporal.connection.api-key",
          "DEPLOYFLOW_PIPELINES_DIR", "deployflow.pipelines-dir",
          "DEPLOYFLOW_SLACK_SIGNING_SECRET", "deployflow.chat.signing-secret",
          "DEPLOYFLOW_SLACK_TEAM_ID", "deployflow.chat.team-id",
          "DEPLOYFLOW_CHAT_USERS", "deployflow.chat.users",
          "DEPLOYFLOW_API_TOKENS", "deployflow.api.tokens");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> values = new LinkedHashMap<>();
    ALIASES.forEach(
        (variable, property) -> {
          String value = environment.getProperty(variable);
          if (value != null && !value.isBlank()) {
            values.put(property, value);
          }
        });
    if (values.isEmpty()) {
      return;
    }
    MapPropertySource source = new MapPropertySource(SOURCE_NAME, values);
    MutablePropertySources sources = environment.getPropertySources();
    String systemEnvironment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    if (sources.contains(systemEnvironment)) {
      sources.addAfter(systemEnvironment, source);
    } else {
      sources.addLast(source);
    }
  }
}
