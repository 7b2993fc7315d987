package dev.deployflow.worker.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.deployflow.worker.config.DeployflowProperties;
import dev.deployflow.worker.config.TemporalProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the {@link TemporalConnection}: to the configured server with its TLS and API key, or to
 * an embedded server started here when no server is configured (see
 * {@link EmbeddedTemporalChoice}).
 */
public final class TemporalConnectionFactory {
  private static final Logger log = LoggerFactory.getLogger(TemporalConnectionFactory.class);

  private TemporalConnectionFactory() {}

  /**
   * Opens the connection. The stubs connect lazily; the first call (the search attribute check at
   * start-up) proves that the server answers.
   */
  public static TemporalConnection open(
      TemporalProperties temporal,
      DeployflowProperties.Embedded embeddedSettings,
      MeterRegistry meterRegistry,
      Duration metricsReportInterval) {
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(meterRegistry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(metricsReportInterval.toMillis()));
    EmbeddedTemporal embedded = null;
    try {
      WorkflowServiceStubsOptions.Builder options =
          WorkflowServiceStubsOptions.newBuilder().setMetricsScope(scope);
      String target;
      if (temporal.hasTarget()) {
        target = temporal.connection().target().trim();
        configureSecurity(options, temporal.connection());
        log.info(
            "Connecting to Temporal at {} (namespace {}, {})",
            target,
            temporal.namespace(),
            describeSecurity(temporal.connection()));
      } else {
        embedded =
            EmbeddedTemporalChoice.resolve(
                    embeddedSettings.kind(), embeddedSettings.temporalCli())
                .start(embeddedSettings, temporal.namespace());
        target = embedded.target();
        if (embedded.durable()) {
          log.info(
              "Embedded Temporal dev server listening on {} (namespace {}), Temporal UI at {}:"
                  + " releases survive restarts on {}. Try: temporal workflow list --address {}",
              target,
              temporal.namespace(),
              embedded.uiUrl().orElse("(none)"),
              embeddedSettings.dbFile().toAbsolutePath().normalize(),
              target);
        } else {
          log.warn(
              "Embedded in-memory Temporal listening on {} (namespace {}): NOT durable, every"
                  + " release is lost when this process stops. Install the Temporal CLI"
                  + " (scripts/ensure-temporal.sh) for a durable one, or set TEMPORAL_ADDRESS."
                  + " Try: temporal workflow list --address {}",
              target,
              temporal.namespace(),
              target);
        }
      }
      options.setTarget(target);
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
      return new TemporalConnection(stubs, scope, target, temporal.namespace(), embedded);
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private static void configureSecurity(
      WorkflowServiceStubsOptions.Builder options, TemporalProperties.Connection connection) {
    TemporalProperties.Mtls mtls = connection.mtls();
    if (mtls.configured()) {
      try (InputStream chain = Files.newInputStream(mtls.certChainFile());
          InputStream key = Files.newInputStream(mtls.keyFile())) {
        SimpleSslContextBuilder ssl = SimpleSslContextBuilder.forPKCS8(chain, key);
        if (mtls.keyPassword() != null) {
          ssl.setKeyPassword(mtls.keyPassword());
        }
        ssl.setUseInsecureTrustManager(mtls.insecureTrustManager());
        options.setSslContext(ssl.build());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read spring.temporal.connection.mtls.key-file or cert-chain-file: "
                + e.getMessage(),
            e);
      }
    } else if (connection.usesTls()) {
      options.setEnableHttps(true);
    }
    String apiKey = connection.apiKey();
    if (apiKey != null && !apiKey.isBlank()) {
      options.addApiKey(apiKey::trim);
    }
  }

  private static String describeSecurity(TemporalProperties.Connection connection) {
    String tls = connection.mtls().configured() ? "mTLS" : connection.usesTls() ? "TLS" : "plain";
    boolean apiKey = connection.apiKey() != null && !connection.apiKey().isBlank();
    return tls + (apiKey ? " with API key" : "");
  }
}
