package dev.deployflow.worker.temporal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed because the configured Temporal did not answer. */
public class TemporalUnreachableFailureAnalyzer
    extends AbstractFailureAnalyzer<TemporalUnreachableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, TemporalUnreachableException cause) {
    return new FailureAnalysis(
        "The worker could not reach Temporal at " + cause.target() + " ("
            + cause.getCause().getMessage() + ").",
        "Check TEMPORAL_ADDRESS (or spring.temporal.connection.target) and that the server is up;"
            + " unset it to run on the embedded, in-memory Temporal instead.",
        cause);
  }
}
