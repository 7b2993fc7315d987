package dev.deployflow.worker;

import dev.deployflow.worker.config.DeployflowProperties;
import dev.deployflow.worker.temporal.TemporalConnection;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Logs the one "ready" line: where Temporal is, which task queue is polled, the HTTP port, and
 * how long the process took from JVM start (the number the start-up measurement reads).
 */
@Component
class ReadyAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncer.class);

  private final TemporalConnection connection;
  private final DeployflowProperties properties;
  private final Environment environment;

  ReadyAnnouncer(
      TemporalConnection connection, DeployflowProperties properties, Environment environment) {
    this.connection = connection;
    this.properties = properties;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ready() {
    log.info(
        "deployflow worker ready in {} ms since JVM start: Temporal at {} ({}, namespace {}),"
            + " task queue {}, HTTP port {}, pipelines {}",
        ManagementFactory.getRuntimeMXBean().getUptime(),
        connection.target(),
        connection.mode(),
        connection.namespace(),
        properties.taskQueue(),
        environment.getProperty("local.server.port", "?"),
        properties.pipelinesDir().toAbsolutePath().normalize());
  }
}
