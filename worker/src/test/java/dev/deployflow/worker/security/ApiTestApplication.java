package dev.deployflow.worker.security;

import dev.deployflow.worker.api.ApiErrorHandler;
import dev.deployflow.worker.api.ApiJson;
import dev.deployflow.worker.api.ReleaseController;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The worker's HTTP edge without Temporal: security, the body limit, the REST controller and the
 * actuator, with the release client supplied by each test (a mock), so that a test sees exactly
 * what reaches the release.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  ApiSecurityConfiguration.class,
  BodySizeLimit.class,
  ReleaseController.class,
  ApiErrorHandler.class,
  ApiJson.class
})
class ApiTestApplication {}
