package dev.deployflow.workflow;

import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.StabilitySpec;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gate 4 from the release's side: runs a production wave's stability window and waits for it. A
 * window short in checks ({@link #INLINE_CHECKS}) runs in the release itself; a longer one in the
 * {@link StabilityMonitorWorkflow} child, which continues as new and reports its progress by
 * signal. Both make the same checks and decide alike ({@link StabilityChecks}). A rollback cancels
 * the window (through the release's forward scope); {@code promote} ends it early; a breach rolls
 * back (or, under {@code onFailure: ask}, waits for a person's retry, skip or rollback, as a failed
 * analysis does), and an inconclusive window escalates to a person like an inconclusive rollout
 * analysis.
 */
final class StabilityWatch implements StabilityProgressListener {

  /** Checks per monitor run before it continues as new: about 600 history events with two metrics. */
  static final int CHECKS_PER_RUN = 80;
  /** The check interval when the pipeline gives none. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  /**
   * The longest window, in checks, that runs in the release itself rather than in a monitor child.
   * Inline, each check adds to the release's history a timer (started, fired), a workflow task
   * (scheduled, started, completed) and one marker per metric: about 6 events with one metric, so
   * at most about 60 for such a window, in a history that never continues as new. The child costs
   * the release a fixed 8 events and 2 workflow tasks (initiated, started, completed, and a task
   * for each of the last two) plus a progress report of 4 events and a workflow task for nearly
   * every check of a window this short (one every check up to 24 checks), and it makes the same
   * checks again in its own history, with its own workflow tasks on the worker. Up to 10 checks,
   * inline costs the release no more history than the child's reports would (10 checks: about 60
   * events against 8 + 9 x 4 = 44) and saves the child's start, end and reports entirely; a longer
   * window would grow the release's history with its length (a week of one-minute checks: 60,000
   * events) while the child's cost to the release stays bounded ({@link StabilityChecks#MAX_REPORTS}).
   */
  static final int INLINE_CHECKS = 10;

  private final ReleaseContext release;
  private final Gates gates;
  private final GuidedFailure guided;
  /** Windows run again after a breach (guided failure {@code retry}), for fresh monitor ids. */
  private int retries;
  /** The window running now, told of the monitor's progress reports; null outside a window. */
  private Window window;
  /**
   * The monitor this release started, once it runs: the only sender of progress reports it
   * accepts; null while a window runs inline (which takes no reports).
   */
  private Promise<io.temporal.api.common.v1.WorkflowExecution> monitorExecution;

  StabilityWatch(ReleaseContext release, Gates gates) {
    this.release = release;
    this.gates = gates;
    this.guided = gates.guidedFailure();
    Workflow.registerListener(this);
  }

  /**
   * Runs the window of one production wave. Returns why the release must be rolled back, or null
   * when it is stable.
   */
  String run(Environment production, Map<String, Double> baselines) {
    StabilitySpec spec = production.stability();
    if (spec == null || spec.duration() == null) {
      release.state().event("no stability window for " + production.name());
      return null;
    }
    Duration duration = Durations.parse(spec.duration());
    Duration interval = Durations.parseOr(spec.interval(), DEFAULT_INTERVAL);
    List<StabilityMonitorWorkflow.Metric> metrics = new ArrayList<>();
    List<String> names = spec.analysis() == null ? List.of() : spec.analysis();
    for (String name : names) {
      AnalysisTemplate template = release.pipeline().analysis().get(name);
      metrics.add(new StabilityMonitorWorkflow.Metric(name, template, baselines.get(name)));
    }
    long endsAt = release.state().nowMillis() + duration.toMillis();
    String summary = "stability window " + spec.duration() + " in " + production.name()
        + (names.isEmpty() ? "" : ", " + String.join(", ", names) + " every " + Durations.format(interval));
    release.operator().hold(Operator.Hold.STABILITY, summary);
    release.state().waiting(summary + " until " + Instant.ofEpochMilli(endsAt));

    StabilityMonitorWorkflow.Request request = new StabilityMonitorWorkflow.Request(
        release.application(), release.version(), production.name(), metrics,
        release.vars(production.name(), null, null, release.state().previousVersion()), interval.toMillis(), endsAt,
        CHECKS_PER_RUN, null);
    Window current = new Window(summary, spec.duration(), release.state().nowMillis(), endsAt,
        (duration.toMillis() + interval.toMillis() - 1) / interval.toMillis());
    for (String name : names) {
      current.records.put(name, release.state().analysis(name, "stability"));
    }
    PromiseHolder holder = new PromiseHolder();
    CancellationScope scope;
    // Decided from the plan alone (the window's length and interval), so a replay decides alike.
    if (current.expectedChecks <= INLINE_CHECKS) {
      StabilityChecks checks = new StabilityChecks(request);
      StabilityChecks.Host host = new InlineHost(current);
      // On a workflow thread of its own, so that the release waits for it, a promotion or a
      // rollback exactly as for the child: cancelling the scope cancels its timer (a read in
      // flight is a local activity, which the SDK never cancels: it ends first, as in the child).
      scope = Workflow.newCancellationScope(() -> holder.result = Async.function(() -> checks.watch(host)));
      monitorExecution = null;
    } else {
      StabilityMonitorWorkflow monitor = Workflow.newChildWorkflowStub(
          StabilityMonitorWorkflow.class,
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(release.workflowId() + "/" + production.name() + "/stability"
                  + (retries == 0 ? "" : "-retry-" + retries))
              .setStaticSummary(summary)
              .setStaticDetails("Gate 4 of release " + release.version() + " of " + release.application()
                  + ": a breach rolls the release back.")
              .build());
      scope = Workflow.newCancellationScope(() -> holder.result = Async.function(monitor::watch, request));
      monitorExecution = Workflow.getWorkflowExecution(monitor);
    }
    window = current;
    try {
      scope.run();
      Workflow.await(() -> holder.result.isCompleted() || release.operator().promotePending());
    } catch (CanceledFailure e) {
      // A rollback or a cancellation interrupts the window; the monitor (or the checks in the release) with it.
      current.close(AnalysisState.CANCELLED);
      throw e;
    } finally {
      window = null;
    }
    release.operator().release();
    if (!holder.result.isCompleted()) {
      String by = release.operator().takePromotion();
      release.state().running("ending the stability window early (promoted by " + by + ")");
      scope.cancel("promoted by " + by);
      awaitCancelled(holder.result);
      current.close(AnalysisState.SKIPPED);
      release.state().event("stability window ended early by " + by);
      return null;
    }
    StabilityMonitorWorkflow.Result result;
    try {
      result = holder.result.get();
    } catch (ChildWorkflowFailure | ActivityFailure | CanceledFailure | DataConverterException e) {
      // An undecodable read of a window in the release rolls back as any undecodable result does
      // (ReleaseRun), its metrics in error, as when the monitor child fails on it.
      current.close(Failures.isCancellation(e) ? AnalysisState.CANCELLED : AnalysisState.ERROR);
      throw e;
    }
    current.record(result);
    release.state().event("stability window: " + result.reason() + " (" + result.checks() + " checks in "
        + result.runs() + " run(s))");
    if (result.verdict() == AnalysisVerdict.SUCCESSFUL) {
      return null;
    }
    if (result.verdict() == AnalysisVerdict.FAILED) {
      return breached(production, baselines, result.reason());
    }
    String why = "the stability window was " + result.verdict().name().toLowerCase(Locale.ROOT) + ": " + result.reason();
    return gates.decide(why) ? null : "nobody decided before the deadline after " + why;
  }

  /**
   * A breach rolls back, unless production says {@code onFailure: ask}: then a person retries the
   * window (a fresh one, from the start, with a new monitor), skips it (accepts the breach; recorded
   * in the status, the release log and the post-mortem) or rolls back; the deadline rolls back.
   */
  private String breached(Environment production, Map<String, Double> baselines, String reason) {
    if (!GuidedFailure.asks(production)) {
      return "stability breached: " + reason;
    }
    // "stability failed at check 7: error-rate: …" reads as "stability window of production failed:
    // breached at check 7: error-rate: …" on the gate and in the notification.
    String error = reason != null && reason.startsWith("stability failed ")
        ? "breached " + reason.substring("stability failed ".length()) : reason;
    FailureDecision.Choice choice = guided.decide(production, "stability window of " + production.name(), error, true);
    if (choice == FailureDecision.Choice.SKIP) {
      // The skip is in the timeline, on the gate and among the failures the post-mortem lists.
      return null;
    }
    if (choice == FailureDecision.Choice.RETRY) {
      retries++;
      return run(production, baselines);
    }
    return "stability breached: " + reason;
  }

  private void awaitCancelled(Promise<StabilityMonitorWorkflow.Result> result) {
    try {
      result.get();
    } catch (ChildWorkflowFailure | ActivityFailure | CanceledFailure e) {
      // The child ends in a ChildWorkflowFailure; an inline window in the cancellation of its
      // timer, once a read in flight has answered.
      if (!Failures.isCancellation(e)) {
        throw e;
      }
    }
  }

  /**
   * Shows a progress report of the monitor while its window runs: the checks so far against the
   * checks expected, each metric's health and recent measurements. A report outside a window (late,
   * or not from the monitor) changes nothing, and a malformed one (anyone can send this signal) is
   * read defensively: a signal handler that throws would fail every workflow task of the release.
   */
  @Override
  public void stabilityProgress(StabilityMonitorWorkflow.Report report) {
    String refusal = refuseReport(report);
    if (refusal != null) {
      release.state().rejectMessage(SIGNAL, null, refusal);
      return;
    }
    show(window, report.progress());
  }

  /**
   * Shows the progress of the running window: the monitor's report, or the window's own progress
   * when it runs in the release. Nothing when no window runs.
   */
  private void show(Window current, StabilityMonitorWorkflow.Result progress) {
    if (current == null || progress == null) {
      return;
    }
    current.show(progress.analysis() == null ? List.of() : progress.analysis());
    long elapsed = Math.max(0, release.state().nowMillis() - current.startedAt);
    release.state().waiting(current.summary + " — " + elapsed(elapsed) + " of " + current.duration + ", "
        + progress.checks() + "/" + current.expectedChecks + " checks, "
        + (progress.reason() == null ? "no health reported" : progress.reason())
        + "; ends " + Instant.ofEpochMilli(current.endsAt));
  }

  /**
   * Why a report is refused: it does not come from the monitor this release started (its workflow
   * id and the first run id of its chain), or null when it does.
   */
  private String refuseReport(StabilityMonitorWorkflow.Report report) {
    StabilityMonitorWorkflow.Sender sender = report == null ? null : report.sender();
    io.temporal.api.common.v1.WorkflowExecution monitor =
        monitorExecution != null && monitorExecution.isCompleted() && monitorExecution.getFailure() == null
            ? monitorExecution.get() : null;
    if (sender == null || monitor == null || !monitor.getWorkflowId().equals(sender.workflowId())
        || !monitor.getRunId().equals(sender.runId())) {
      return "stability progress is accepted only from the release's own stability monitor"
          + (monitor == null ? " (none runs now)" : " (" + monitor.getWorkflowId() + ")");
    }
    return null;
  }

  /** Elapsed time as a person reads it: {@code 40m}, {@code 1h40m}, {@code 2d3h}. */
  static String elapsed(long millis) {
    long minutes = millis / 60_000;
    long days = minutes / 1_440;
    long hours = minutes % 1_440 / 60;
    long mins = minutes % 60;
    if (days > 0) {
      return days + "d" + (hours > 0 ? hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (mins > 0 ? mins + "m" : "");
    }
    return mins + "m";
  }

  /** One running window: what its status line says, and its analysis records. */
  private static final class Window {
    final String summary;
    final String duration;
    final long startedAt;
    final long endsAt;
    final long expectedChecks;
    final Map<String, ReleaseState.AnalysisRecord> records = new LinkedHashMap<>();

    Window(String summary, String duration, long startedAt, long endsAt, long expectedChecks) {
      this.summary = summary;
      this.duration = duration;
      this.startedAt = startedAt;
      this.endsAt = endsAt;
      this.expectedChecks = expectedChecks;
    }

    void show(List<AnalysisStatus> analysis) {
      for (AnalysisStatus a : analysis) {
        ReleaseState.AnalysisRecord record = a == null || a.metric() == null ? null : records.get(a.metric());
        if (record != null && a.measurements() != null) {
          record.replace(a.measurements());
        }
      }
    }

    void record(StabilityMonitorWorkflow.Result result) {
      show(result.analysis());
      close(result.verdict().shown());
    }

    void close(AnalysisState verdict) {
      records.values().forEach(r -> r.verdict(verdict));
    }
  }

  /**
   * Where the checks of a window in the release go: its progress straight to the status, where the
   * child's would come by signal; nothing else (the release sets its own current details, and never
   * continues as new during a window this short).
   */
  private final class InlineHost implements StabilityChecks.Host {
    private final Window current;

    InlineHost(Window current) {
      this.current = current;
    }

    @Override
    public void waiting(StabilityChecks checks) {
      // The status line of the window says what it waits for; the latest report is kept on it.
    }

    @Override
    public void report(StabilityMonitorWorkflow.Result progress) {
      // Only while this window still runs: a report of a window ended by a promotion changes nothing.
      if (window == current) {
        show(current, progress);
      }
    }

    @Override
    public void checked(StabilityChecks checks, int checksThisRun) {
      // A window run in the release is at most INLINE_CHECKS long: it never needs a new run.
    }

    @Override
    public String waitSummary(String wait) {
      // "stability window 10s in production, error-rate every 2s: stability check 2 in 2s".
      return current.summary + ": " + wait;
    }
  }

  private static final class PromiseHolder {
    Promise<StabilityMonitorWorkflow.Result> result;
  }
}
