package dev.deployflow.workflow;

import dev.deployflow.analysis.Analysis;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.pipeline.AnalysisTemplate;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis of one rollout step, each metric measuring at its own interval. A short analysis
 * (at most {@link #INLINE_UP_TO} measurements) runs in the release itself, as a function of its
 * own; a longer one runs in a {@link RolloutAnalysisWorkflow} child that continues as new, so that
 * however long the analysis ({@code count} x interval) the release's own history grows by a
 * bounded number of events per metric and step. Both measure with {@link AnalysisLoop}, so they
 * decide alike. The children report their progress (a bounded number of times), the inline
 * analyses after every measurement, and the status shows it; the verdict is
 * {@link Analysis#combine} of theirs. A metric that decides against the step stops the others;
 * {@code promote} skips what is left; a rollback cancels them all, inline or child alike: they run
 * in one cancellation scope.
 */
final class AnalysisRun implements RolloutAnalysisWorkflow.Listener {

  /**
   * The most measurements an analysis may take and still run in the release instead of in a child.
   * Inline, each measurement costs the release one marker (the local-activity read) and, but for
   * the last, a timer started and fired and the workflow task it wakes: about six events and one
   * workflow task, some 55 events and 9 workflow tasks at ten. A child costs the release about nine
   * events and two workflow tasks whatever its count (started, completed) and a progress report for
   * each of its first ten measurements but the last at four events and one workflow task each, some
   * 45 events and 11 workflow tasks at ten, plus the child's own workflow tasks, one per
   * measurement. Up to ten, the release's history grows by about what the child would cost it
   * anyway, and the workflow tasks are fewer by half or more; beyond that the inline history would
   * grow with the count while the child's cost stays bounded (it continues as new and reports at
   * most 34 times), so long canaries run in a child.
   */
  static final int INLINE_UP_TO = 10;

  /** How the step's analysis ended: the combined verdict, why, and who skipped it (if someone did). */
  record Result(AnalysisVerdict verdict, String reason, String skippedBy) {}

  private final ReleaseContext release;
  /** The metrics of the step that runs now, by their (child's) workflow id; empty between steps. */
  private final Map<String, Metric> running = new LinkedHashMap<>();
  /**
   * Every child this release started, by workflow id: a late report of one is no forgery. Inline
   * metrics are not here: no report may name them.
   */
  private final Map<String, Metric> started = new LinkedHashMap<>();
  /** Steps analysed so far, for unique child ids. */
  private int steps;

  AnalysisRun(ReleaseContext release) {
    this.release = release;
    Workflow.registerListener(this);
  }

  /** Analyses the step's metrics in the environment (the wave rolling out) until each has a verdict, one has decided against, or someone promotes. */
  Result run(String environment, String step, List<String> metrics, Map<String, Double> baselines) {
    steps++;
    Progress progress = new Progress(step);
    List<Metric> all = new ArrayList<>();
    for (String metric : metrics) {
      AnalysisTemplate template = release.pipeline().analysis().get(metric);
      AnalysisPolicy policy = AnalysisPolicy.from(metric, template, baselines.get(metric));
      progress.count = Math.max(progress.count, policy.count());
      String id = release.workflowId() + "/" + environment + "/analysis-" + steps + "/" + metric;
      all.add(new Metric(id, metric, template, baselines.get(metric), release.state().analysis(metric, step),
          policy.count() <= INLINE_UP_TO));
    }
    // The step says so before the analyses run: an update answered now (a promote that skipped the
    // pause before this analysis) shows the analysis, not the pause.
    progress.show(1);
    all.forEach(m -> {
      running.put(m.id, m);
      if (!m.inline) {
        started.put(m.id, m);
      }
      m.progress = progress;
    });
    Map<String, String> vars = release.vars(environment, null, null, release.state().previousVersion());
    CancellationScope scope = Workflow.newCancellationScope(() -> {
      for (Metric m : all) {
        if (m.inline) {
          // In this scope, as the children: what cancels them cancels this analysis at its next read or interval.
          m.result = Async.function(() -> new AnalysisLoop(step, m.name, m.template, m.baseline, vars, release.application(), null)
              .run(new AnalysisLoop.Rhythm() {
                @Override
                public void progress(RolloutAnalysisWorkflow.Result standing) {
                  show(m, standing);
                }

                @Override
                public void rested() {
                  // The release's own analysis never continues as new: it is short.
                }
              }));
          continue;
        }
        RolloutAnalysisWorkflow child = Workflow.newChildWorkflowStub(RolloutAnalysisWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(m.id)
                .setStaticSummary("analysis of " + m.name + " at " + step)
                .setStaticDetails("Rollout analysis of release " + release.version() + " of " + release.application()
                    + ": a failed verdict rolls the release back.")
                // The children only read metrics: a rollback need not wait for them.
                .setCancellationType(ChildWorkflowCancellationType.TRY_CANCEL)
                .build());
        m.result = Async.function(child::analyse, new RolloutAnalysisWorkflow.Request(step, m.name, m.template, m.baseline,
            vars, RolloutAnalysisWorkflowImpl.MEASUREMENTS_PER_RUN, null));
        m.execution = Workflow.getWorkflowExecution(child);
      }
    });
    scope.run();
    progress.of = all;
    try {
      Workflow.await(() -> all.stream().allMatch(m -> m.result.isCompleted())
          || all.stream().anyMatch(Metric::against) || release.operator().promotePending());
    } catch (CanceledFailure e) {
      // A rollback or a cancellation interrupted the analysis: say so instead of leaving it "running".
      all.forEach(m -> m.record.verdict(AnalysisState.CANCELLED));
      running.clear();
      throw e;
    }
    // What had not ended when the step was decided is stopped, and has no verdict: not waited for,
    // and not asked what it answers later. A child stopped so ends at once (TRY_CANCEL); an inline
    // analysis in the middle of a read would not (a local activity cannot be cancelled), and the
    // read it finishes after a promotion must not fail the step that promotion skipped.
    List<Metric> unfinished = all.stream().filter(m -> !m.result.isCompleted()).toList();
    if (!unfinished.isEmpty()) {
      scope.cancel(release.operator().promotePending() ? "promoted" : "another metric decided against the step");
    }
    List<AnalysisVerdict> verdicts = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Metric m : all) {
      AnalysisVerdict verdict = unfinished.contains(m) ? m.stopped() : m.finish(step);
      verdicts.add(verdict);
      if (verdict != AnalysisVerdict.SUCCESSFUL && verdict != AnalysisVerdict.RUNNING) {
        reasons.add(m.reason);
      }
    }
    running.clear();
    AnalysisVerdict combined = Analysis.combine(verdicts);
    if (combined == AnalysisVerdict.RUNNING) {
      // Only a promotion ends an analysis before every metric has its verdict.
      String by = release.operator().takePromotion();
      return new Result(AnalysisVerdict.SUCCESSFUL, "analysis of " + step + " skipped by " + by, by);
    }
    return new Result(combined, reasons.isEmpty() ? "analysis of " + step + " "
        + combined.name().toLowerCase(Locale.ROOT) : String.join("; ", reasons), null);
  }

  /**
   * Shows a child's progress report, if it comes from a child of the step that runs now (its
   * workflow id and the first run id of its chain); any other sender is refused and listed.
   */
  @Override
  public void analysisProgress(RolloutAnalysisWorkflow.Report report) {
    Metric m = report == null || report.sender() == null ? null : started.get(report.sender().workflowId());
    WorkflowExecution execution = m == null || m.execution == null || !m.execution.isCompleted()
        || m.execution.getFailure() != null ? null : m.execution.get();
    if (execution == null || !execution.getRunId().equals(report.sender().runId()) || report.progress() == null) {
      release.state().rejectMessage(SIGNAL, null,
          "analysis progress is accepted only from the release's own analysis children");
      return;
    }
    show(m, report.progress());
  }

  /**
   * Shows how a metric of the step that runs now stands: a child's report once its sender was
   * checked, or an inline analysis after each of its measurements.
   */
  private void show(Metric m, RolloutAnalysisWorkflow.Result progress) {
    if (!running.containsKey(m.id) || m.result == null || m.result.isCompleted()) {
      // A report that was on its way when the step ended: nothing to show any more.
      return;
    }
    if (progress.recent() != null) {
      m.record.replace(progress.recent());
    }
    m.taken = Math.max(m.taken, progress.taken());
    m.record.verdict(AnalysisState.RUNNING);
    Progress shown = m.progress;
    if (shown != null) {
      shown.show(running.values().stream().mapToInt(x -> x.taken).max().orElse(1));
    }
  }

  /** One metric of the step: its analysis (inline or a child), and its record in the status. */
  private static final class Metric {
    final String id;
    /** Whether the release measures it itself; otherwise a child does, under {@link #id}. */
    final boolean inline;
    final String name;
    final AnalysisTemplate template;
    final Double baseline;
    final ReleaseState.AnalysisRecord record;
    Promise<RolloutAnalysisWorkflow.Result> result;
    /** The child's execution; null for an inline analysis. */
    Promise<WorkflowExecution> execution;
    Progress progress;
    int taken;
    String reason;

    Metric(String id, String name, AnalysisTemplate template, Double baseline, ReleaseState.AnalysisRecord record,
        boolean inline) {
      this.id = id;
      this.inline = inline;
      this.name = name;
      this.template = template;
      this.baseline = baseline;
      this.record = record;
    }

    /** Whether this metric has already decided against the step. */
    boolean against() {
      if (!result.isCompleted()) {
        return false;
      }
      if (result.getFailure() != null) {
        return !Failures.isCancellation(result.getFailure());
      }
      AnalysisVerdict v = result.get().verdict();
      return v != AnalysisVerdict.SUCCESSFUL && v.done();
    }

    /** Stopped by a promotion or by another metric's verdict before it ended: it has no verdict. */
    AnalysisVerdict stopped() {
      record.verdict(AnalysisState.SKIPPED);
      return AnalysisVerdict.RUNNING;
    }

    /** The metric's verdict once its analysis ended, recorded in the status. */
    AnalysisVerdict finish(String step) {
      RolloutAnalysisWorkflow.Result r;
      try {
        r = result.get();
      } catch (ChildWorkflowFailure | ActivityFailure | CanceledFailure e) {
        // A child fails as a ChildWorkflowFailure; an inline analysis cancelled on its interval as
        // the timer's CanceledFailure (its reads, local activities, are never cancelled).
        if (Failures.isCancellation(e)) {
          // Stopped by a promotion or by another metric's verdict: this one has none.
          record.verdict(AnalysisState.SKIPPED);
          return AnalysisVerdict.RUNNING;
        }
        record.verdict(AnalysisState.ERROR);
        reason = name + " error at " + step + ": its analysis failed: " + Failures.reason(e);
        return AnalysisVerdict.ERROR;
      } catch (DataConverterException e) {
        // An inline read that does not decode; in a child it fails the child's run, which is an
        // error of the metric (above), and so it is here. Never its content: it may be a response body.
        record.verdict(AnalysisState.ERROR);
        reason = name + " error at " + step + ": its read " + Failures.undecodable(e);
        return AnalysisVerdict.ERROR;
      }
      record.replace(r.recent());
      record.verdict(r.verdict());
      if (r.verdict() != AnalysisVerdict.SUCCESSFUL) {
        String last = r.recent().isEmpty() ? "none" : r.recent().get(r.recent().size() - 1).detail();
        reason = name + " " + r.verdict().name().toLowerCase(Locale.ROOT) + " at " + step + ": " + r.counts()
            + " (last: " + last + ")";
      }
      return r.verdict();
    }
  }

  /** The step's progress as the status shows it: {@code canary 10% — analysis 2/3}. */
  private final class Progress {
    final String step;
    int count = 1;
    List<Metric> of = List.of();

    Progress(String step) {
      this.step = step;
    }

    void show(int taken) {
      if (of.isEmpty() || of.stream().anyMatch(m -> !m.result.isCompleted())) {
        release.state().running(step + " — analysis " + Math.min(Math.max(1, taken), count) + "/" + count);
      }
    }
  }
}
