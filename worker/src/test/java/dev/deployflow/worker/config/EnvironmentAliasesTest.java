package dev.deployflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The documented environment variables reach their properties and rank like environment
 * variables: above configuration files, below command-line arguments.
 */
class EnvironmentAliasesTest {

  @Test
  void variablesBecomeTheirPropertiesAboveConfigurationFiles() {
    StandardEnvironment environment =
        environment(
            Map.of(
                "TEMPORAL_ADDRESS", "temporal.internal:7233",
                "DEPLOYFLOW_PIPELINES_DIR", "/srv/pipelines",
                "DEPLOYFLOW_SLACK_SIGNING_SECRET", "s3cret"),
            Map.of("deployflow.pipelines-dir", "./from-application-yml"));

    new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.connection.target"))
        .isEqualTo("temporal.internal:7233");
    assertThat(environment.getProperty("deployflow.pipelines-dir")).isEqualTo("/srv/pipelines");
    assertThat(environment.getProperty("deployflow.chat.signing-secret")).isEqualTo("s3cret");
  }

  @Test
  void commandLineArgumentsStillWinAndBlankVariablesAreIgnored() {
    StandardEnvironment environment =
        environment(Map.of("TEMPORAL_ADDRESS", "temporal.internal:7233", "TEMPORAL_NAMESPACE", " "),
            Map.of());
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "commandLineArgs", Map.of("spring.temporal.connection.target", "")));

    new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.connection.target")).isEmpty();
    assertThat(environment.getProperty("spring.temporal.namespace")).isNull();
  }

  private static StandardEnvironment environment(
      Map<String, Object> variables, Map<String, Object> applicationYml) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("application.yml", applicationYml));
    return environment;
  }
}
