package dev.deployflow.worker.config;

import dev.deployflow.activities.ActivitySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Turns the validated {@code deployflow.*} properties into the activities' settings. */
@Configuration(proxyBeanMethods = false)
public class WorkerSettingsConfiguration {

  @Bean
  ActivitySettings activitySettings(DeployflowProperties properties) {
    return activitySettings(properties, System.getenv());
  }

  /**
   * The activities' settings: paths made absolute, so that logs and errors show where files
   * really are, and {@code deployflow.environment} laid over the process environment.
   */
  static ActivitySettings activitySettings(
      DeployflowProperties properties, Map<String, String> processEnvironment) {
    Map<String, String> environment = new HashMap<>(processEnvironment);
    environment.putAll(properties.environment());
    return new ActivitySettings(
        absolute(properties.pipelinesDir()),
        absolute(properties.workDir()),
        absolute(properties.releaseLog()),
        absolute(properties.postMortemDir()),
        environment,
        properties.http().connectTimeout(),
        properties.http().readTimeout(),
        properties.outputTailBytes());
  }

  private static Path absolute(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
