package dev.deployflow.worker.temporal;

import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's one connection to Temporal: the service stubs, the metrics scope they report to,
 * and, in embedded mode, the server they talk to. Closing it releases them in the
 * order that loses nothing: the stubs, then the metrics (a last flush), then the server (the dev
 * server by its PID).
 */
public final class TemporalConnection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TemporalConnection.class);

  private final WorkflowServiceStubs stubs;
  private final Scope metricsScope;
  private final String target;
  private final String namespace;
  private final EmbeddedTemporal embedded;

  TemporalConnection(
      WorkflowServiceStubs stubs,
      Scope metricsScope,
      String target,
      String namespace,
      EmbeddedTemporal embedded) {
    this.stubs = stubs;
    this.metricsScope = metricsScope;
    this.target = target;
    this.namespace = namespace;
    this.embedded = embedded;
  }

  /** The gRPC stubs of the workflow service. */
  public WorkflowServiceStubs stubs() {
    return stubs;
  }

  /** The {@code host:port} of the Temporal frontend. */
  public String target() {
    return target;
  }

  /** The Temporal namespace. */
  public String namespace() {
    return namespace;
  }

  /** The embedded server, when the worker runs one. */
  public Optional<EmbeddedTemporal> embedded() {
    return Optional.ofNullable(embedded);
  }

  /** Whether the worker runs its Temporal itself (dev server or test server). */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** How logs and health name this Temporal: remote, or which embedded one. */
  public String mode() {
    return embedded == null ? "remote" : embedded.description();
  }

  @Override
  public void close() {
    stubs.shutdown();
    if (!stubs.awaitTermination(5, TimeUnit.SECONDS)) {
      log.warn("The Temporal connection to {} did not close within 5s; forcing it", target);
      stubs.shutdownNow();
    }
    try {
      metricsScope.close();
    } catch (ScopeCloseException e) {
      log.warn("Flushing the Temporal metrics failed: {}", e.toString());
    }
    if (embedded != null) {
      embedded.close();
    }
  }
}
