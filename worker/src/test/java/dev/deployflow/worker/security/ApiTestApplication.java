package dev.deployflow.worker.security;

import dev.deployflow.worker.api.ApiErrorHandler;
import dev.deployflow.worker.api.ApiJson;
import dev.deployflow.worker.api.ReleaseController;
import dev.deployflow.worker.chat.ChatConfiguration;
import dev.deployflow.worker.chat.SlackCommandController;
import dev.deployflow.worker.config.DeployflowProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The worker's HTTP edge without Temporal: security, the body limit, the REST and chat
 * controllers and the actuator, with the release client supplied by each test (a mock), so that a
 * test sees exactly what reaches the release. Tests set {@link #PIPELINES}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(DeployflowProperties.class)
@Import({
  ChatConfiguration.class,
  SlackCommandController.class,
  ApiSecurityConfiguration.class,
  BodySizeLimit.class,
  ReleaseController.class,
  ApiErrorHandler.class,
  ApiJson.class
})
class ApiTestApplication {
  /** The settings every edge test needs: an existing pipelines directory and a chat secret. */
  static final String PIPELINES = "deployflow.pipelines-dir=src/test/resources/pipelines";

  static final String CHAT_SECRET = "deployflow.chat.signing-secret=edge-test-signing-secret";
}
