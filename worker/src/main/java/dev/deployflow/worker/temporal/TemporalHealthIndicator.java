package dev.deployflow.worker.temporal;

import io.grpc.health.v1.HealthCheckResponse;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code temporal} component of {@code /actuator/health}: UP when the Temporal frontend
 * answers its gRPC health check as SERVING and the worker is polling.
 */
public class TemporalHealthIndicator extends AbstractHealthIndicator {
  private final TemporalConnection connection;
  private final TemporalWorkerLifecycle worker;
  private final String taskQueue;

  public TemporalHealthIndicator(
      TemporalConnection connection, TemporalWorkerLifecycle worker, String taskQueue) {
    super("Temporal health check failed");
    this.connection = connection;
    this.worker = worker;
    this.taskQueue = taskQueue;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder
        .withDetail("target", connection.target())
        .withDetail("namespace", connection.namespace())
        .withDetail("mode", connection.mode())
        .withDetail("taskQueue", taskQueue)
        .withDetail("worker", worker.isRunning() ? "polling" : "stopped");
    HealthCheckResponse.ServingStatus status = connection.stubs().healthCheck().getStatus();
    builder.withDetail("server", status.name());
    if (status == HealthCheckResponse.ServingStatus.SERVING && worker.isRunning()) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
