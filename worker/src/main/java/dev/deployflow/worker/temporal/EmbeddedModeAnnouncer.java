package dev.deployflow.worker.temporal;

import dev.deployflow.worker.WorkerApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Says on the very first log line whether Temporal will be the embedded, in-memory one. It runs
 * when the environment is ready and logging is set up, before Spring logs anything else, so
 * that nobody mistakes a demo worker for a durable one.
 */
public class EmbeddedModeAnnouncer
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedModeAnnouncer.class);

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    if (!event.getSpringApplication().getAllSources().contains(WorkerApplication.class)) {
      // Another Spring application that merely has the worker jar on its class path.
      return;
    }
    ConfigurableEnvironment environment = event.getEnvironment();
    String target = environment.getProperty("spring.temporal.connection.target");
    if (target != null && !target.isBlank()) {
      log.info("deployflow worker starting: Temporal at {}", target.trim());
      return;
    }
    String port = environment.getProperty("deployflow.embedded.port", "7233");
    log.warn(
        "deployflow worker starting with an EMBEDDED, IN-MEMORY Temporal on {}:{}: NOT durable,"
            + " releases are lost when the worker stops. Set TEMPORAL_ADDRESS to use a real"
            + " Temporal.",
        EmbeddedTemporalServer.HOST,
        "0".equals(port.trim()) ? "<free port>" : port.trim());
  }

  @Override
  public int getOrder() {
    // After Spring's logging listener, so that the line goes through the configured logging.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
