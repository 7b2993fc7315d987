package dev.deployflow.worker.temporal;

import dev.deployflow.worker.WorkerApplication;
import dev.deployflow.worker.config.DeployflowProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Says on the very first log line which Temporal the worker will use: a configured one, the
 * embedded dev server (durable, with its UI address), or the embedded in-memory test server. It
 * runs when the environment is ready and logging is set up, before Spring logs anything else, so
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
    String port = environment.getProperty("deployflow.embedded.port", "7233").trim();
    String shownPort = "0".equals(port) ? "<free port>" : port;
    EmbeddedTemporalChoice choice;
    try {
      choice =
          EmbeddedTemporalChoice.resolve(
              EmbeddedTemporalChoice.parseKind(environment.getProperty("deployflow.embedded.kind")),
              environment.getProperty("deployflow.embedded.temporal-cli"));
    } catch (IllegalStateException e) {
      // Start-up stops with the same message when the connection is opened.
      log.error("deployflow worker starting: {}", e.getMessage());
      return;
    }
    if (choice.kind() == DeployflowProperties.EmbeddedKind.DEV_SERVER) {
      String uiPort = environment.getProperty("deployflow.embedded.ui-port", "8233").trim();
      log.info(
          "deployflow worker starting with an EMBEDDED Temporal DEV SERVER ({} server start-dev)"
              + " on {}:{}, Temporal UI {}, database {}: durable, releases continue after a"
              + " restart on the same database.",
          choice.cli().orElseThrow(),
          DevServerProcess.HOST,
          shownPort,
          "-1".equals(uiPort)
              ? "off"
              : "http://" + DevServerProcess.HOST + ":" + ("0".equals(uiPort) ? "<free port>" : uiPort),
          environment.getProperty("deployflow.embedded.db-file", "./var/temporal/dev.db"));
      return;
    }
    log.warn(
        "deployflow worker starting with an EMBEDDED, IN-MEMORY Temporal on {}:{}: NOT durable,"
            + " releases are lost when the worker stops. Install the Temporal CLI"
            + " (scripts/ensure-temporal.sh) for a durable dev server, or set TEMPORAL_ADDRESS"
            + " to use a real Temporal.",
        EmbeddedTemporalServer.HOST,
        shownPort);
  }

  @Override
  public int getOrder() {
    // After Spring's logging listener, so that the line goes through the configured logging.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
