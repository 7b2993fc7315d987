package dev.deployflow.workflow;

import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.pipeline.AnalysisTemplate;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;

/**
 * Watches an environment for a stability window (gate 4): every interval it measures each metric
 * and judges it with {@link dev.deployflow.analysis.Analysis#verdict}. It returns at the end of the
 * window, or as soon as a metric decides against the release. To keep every run's history
 * bounded (a week of one-minute checks), it continues as new every {@code checksPerRun} checks,
 * carrying a compact tally of what it saw. The parent cancels it for a rollback or a promotion.
 * While it runs it signals its parent a bounded number of summaries ({@link StabilityProgressListener}).
 */
@WorkflowInterface
public interface StabilityMonitorWorkflow {

  /** The workflow type name in Temporal. */
  String TYPE = "StabilityMonitorWorkflow";

  @WorkflowMethod(name = TYPE)
  Result watch(Request request);

  /** What the monitor has seen so far in all its runs. */
  @QueryMethod(name = "progress")
  Result progress();

  /**
   * One window.
   *
   * @param vars the release variables for the metric queries (application, version, environment,
   *     previousVersion), in a fixed order
   * @param endsAtMillis when the window ends (epoch milliseconds), fixed by the parent so that every
   *     run of the chain ends at the same instant
   * @param checksPerRun how many checks one run makes before it continues as new
   * @param progress what earlier runs saw; null for the first run
   */
  record Request(
      String application,
      String version,
      String environment,
      List<Metric> metrics,
      Map<String, String> vars,
      long intervalMillis,
      long endsAtMillis,
      int checksPerRun,
      Progress progress) {}

  /**
   * A progress report to the release: who sends it (the monitor's workflow id and the run id of
   * the first run of its chain, which stays the same across continue-as-new) and the progress.
   * The release accepts a report only from the monitor it started itself.
   */
  record Report(Sender sender, Result progress) {}

  /** The sender of a report. */
  record Sender(String workflowId, String runId) {}

  /** A metric to watch: its template, and the baseline measured before the deploy (or null). */
  record Metric(String name, AnalysisTemplate template, Double baseline) {}

  /**
   * What the runs of one window saw, compacted for continue-as-new: per metric a {@link Tally} and
   * the latest few measurements; and how the window reports to the release: every
   * {@code reportEvery} checks, plus {@code alerts} reports already sent because a metric turned
   * unhealthy.
   */
  record Progress(int checks, int runs, List<Tally> tallies, List<AnalysisStatus> recent, int reportEvery, int alerts) {}

  /**
   * One metric's outcomes so far, reduced to what the verdict depends on: how many measurements
   * failed, were inconclusive and succeeded, and the run of errors at the end.
   */
  record Tally(String metric, int failed, int inconclusive, int successful, int trailingErrors) {}

  /**
   * How the window ended: SUCCESSFUL when it passed (or was ended early by a promotion, which the
   * parent handles), else the verdict that ended it and why.
   */
  record Result(AnalysisVerdict verdict, int checks, int runs, String reason, List<AnalysisStatus> analysis) {}
}
