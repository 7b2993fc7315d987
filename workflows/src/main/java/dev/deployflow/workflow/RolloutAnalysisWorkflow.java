package dev.deployflow.workflow;

import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.pipeline.AnalysisTemplate;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;

/**
 * The analysis of one metric at one rollout step: it measures every {@code interval} until
 * {@link dev.deployflow.analysis.Analysis#verdict} decides, and returns the verdict. A long
 * analysis (more than {@link AnalysisRun#INLINE_UP_TO} measurements; a short one the release
 * measures itself with the same {@link AnalysisLoop}) runs as a child of the release, one per
 * metric and step, so that even {@code count: 2000} never grows the release's history: the child
 * continues as new every {@code measurementsPerRun} measurements, carrying a compact tally, as the
 * stability monitor does. It reports its progress to the release a bounded number of times
 * ({@link Listener}); the release cancels it for a rollback, a promotion, or when another metric
 * has already decided against the step.
 */
@WorkflowInterface
public interface RolloutAnalysisWorkflow {

  /** The workflow type name in Temporal. */
  String TYPE = "RolloutAnalysisWorkflow";

  @WorkflowMethod(name = TYPE)
  Result analyse(Request request);

  /**
   * One metric at one step.
   *
   * @param step the step as a person reads it ({@code canary 10%})
   * @param vars the release variables for the metric query, in a fixed order
   * @param measurementsPerRun how many measurements one run takes before it continues as new
   * @param progress what earlier runs of the chain saw; null for the first run
   */
  record Request(
      String step,
      String metric,
      AnalysisTemplate template,
      Double baseline,
      Map<String, String> vars,
      int measurementsPerRun,
      Progress progress) {}

  /**
   * What the runs so far saw, reduced to what the verdict depends on (the outcome counts and the
   * run of errors at the end), the latest measurements for the status, and the reporting rhythm.
   */
  record Progress(
      int failed, int inconclusive, int successful, int errors, int trailingErrors, int runs,
      List<MeasurementStatus> recent, int reportEvery) {}

  /**
   * How the metric's analysis stands: its verdict ({@code RUNNING} in a progress report), the
   * measurements taken in all runs, the runs, the outcome counts as a person reads them
   * ({@code 3 successful, 1 inconclusive}) and the latest measurements.
   */
  record Result(AnalysisVerdict verdict, int taken, int runs, String counts, List<MeasurementStatus> recent) {}

  /** A progress report to the release, with its sender (see {@link StabilityMonitorWorkflow.Report}). */
  record Report(StabilityMonitorWorkflow.Sender sender, String metric, Result progress) {}

  /** How the analysis child tells its release how far it is; the release accepts it only from its own child. */
  interface Listener {
    /** The signal's name. */
    String SIGNAL = "analysisProgress";

    @SignalMethod(name = SIGNAL)
    void analysisProgress(Report report);
  }
}
