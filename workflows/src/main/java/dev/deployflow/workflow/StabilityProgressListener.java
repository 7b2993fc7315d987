package dev.deployflow.workflow;

import io.temporal.workflow.SignalMethod;

/**
 * How the {@link StabilityMonitorWorkflow} child tells its release how the stability window goes,
 * so that {@code status} and {@code deployflow watch} show progress during a window of hours or
 * days, not only at its end. The child sends a bounded number of these per window (see
 * {@link StabilityChecks#MAX_REPORTS}), so the release's history stays small.
 *
 * <p>It is an internal signal, not an operator message: it changes only what the status shows
 * while a window runs. Any client can send a signal, so the release checks the sender against
 * the monitor it started (workflow id and first run id) and refuses every other report.
 */
public interface StabilityProgressListener {

  /** The signal's name. */
  String SIGNAL = "stabilityProgress";

  /**
   * A summary of the window so far (checks made, each metric's recent measurements, and its
   * health), with its sender: a report from anyone but the release's own monitor is refused and
   * listed in {@code status.rejectedMessages}.
   */
  @SignalMethod(name = SIGNAL)
  void stabilityProgress(StabilityMonitorWorkflow.Report report);
}
