package dev.deployflow.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The deployflow worker: Temporal workers for the release workflows and their activities, an
 * embedded in-memory Temporal when no {@code TEMPORAL_ADDRESS} is set, actuator health and
 * Prometheus metrics, the {@code /api/releases} REST API and the Slack-style chat endpoint.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
