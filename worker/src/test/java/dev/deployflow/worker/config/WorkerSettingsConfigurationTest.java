package dev.deployflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The activities get absolute paths, the HTTP timeouts, and the process environment with
 * {@code deployflow.environment} laid over it.
 */
class WorkerSettingsConfigurationTest {

  @Test
  void configuredVariablesOverlayTheProcessEnvironment() {
    DeployflowProperties properties =
        new DeployflowProperties(
            "deployments", Path.of("pipelines"), Path.of("."), Path.of("var/log.jsonl"),
            Path.of("var/pm"), Map.of("DATABASE_URL", "postgres://demo", "EXTRA", "1"),
            4096, Duration.ofSeconds(10),
            new DeployflowProperties.Embedded(7233),
            new DeployflowProperties.Http(Duration.ofSeconds(2), Duration.ofSeconds(20)),
            new DeployflowProperties.Chat(null, Duration.ofMinutes(5), null, null),
            new DeployflowProperties.Shutdown(Duration.ofSeconds(30)));

    ActivitySettings settings =
        WorkerSettingsConfiguration.activitySettings(
            properties, Map.of("DATABASE_URL", "postgres://prod", "HOME", "/root"));

    assertThat(settings.environment())
        .containsEntry("DATABASE_URL", "postgres://demo")
        .containsEntry("EXTRA", "1")
        .containsEntry("HOME", "/root");
    assertThat(settings.pipelinesDir()).isAbsolute().endsWithRaw(Path.of("pipelines"));
    assertThat(settings.httpReadTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.outputTailBytes()).isEqualTo(4096);
  }
}
