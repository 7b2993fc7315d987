package dev.deployflow.workflow;

import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.StabilitySpec;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gate 4 from the release's side: starts the {@link StabilityMonitorWorkflow} child for
 * production's stability window and waits for it. A rollback cancels it (through the release's
 * forward scope); {@code promote} ends the window early; a breach rolls back, and an inconclusive
 * window escalates to a person like an inconclusive rollout analysis.
 */
final class StabilityWatch {

  /** Checks per monitor run before it continues as new: about 600 history events with two metrics. */
  static final int CHECKS_PER_RUN = 80;
  /** The check interval when the pipeline gives none. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private final ReleaseContext release;
  private final Gates gates;

  StabilityWatch(ReleaseContext release, Gates gates) {
    this.release = release;
    this.gates = gates;
  }

  /** Runs the window. Returns why the release must be rolled back, or null when it is stable. */
  String run(Map<String, Double> baselines) {
    Environment production = release.plan().production();
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
        release.application(), release.version(), production.name(), metrics, interval.toMillis(), endsAt,
        CHECKS_PER_RUN, null);
    StabilityMonitorWorkflow monitor = Workflow.newChildWorkflowStub(
        StabilityMonitorWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(release.workflowId() + "/" + production.name() + "/stability")
            .setStaticSummary(summary)
            .setStaticDetails("Gate 4 of release " + release.version() + " of " + release.application()
                + ": a breach rolls the release back.")
            .build());
    PromiseHolder holder = new PromiseHolder();
    CancellationScope window = Workflow.newCancellationScope(() -> holder.result = Async.function(monitor::watch, request));
    window.run();
    Workflow.await(() -> holder.result.isCompleted() || release.operator().promotePending());
    release.operator().release();
    if (!holder.result.isCompleted()) {
      String by = release.operator().takePromotion();
      window.cancel("promoted by " + by);
      awaitCancelled(holder.result);
      release.state().event("stability window ended early by " + by);
      return null;
    }
    StabilityMonitorWorkflow.Result result = holder.result.get();
    record(result);
    release.state().event("stability window: " + result.reason() + " (" + result.checks() + " checks in "
        + result.runs() + " run(s))");
    if (result.verdict() == AnalysisVerdict.SUCCESSFUL) {
      return null;
    }
    if (result.verdict() == AnalysisVerdict.FAILED) {
      return "stability breached: " + result.reason();
    }
    String why = "the stability window was " + result.verdict().name().toLowerCase(Locale.ROOT) + ": " + result.reason();
    return gates.decide(why) ? null : "nobody decided before the deadline after " + why;
  }

  private void awaitCancelled(Promise<StabilityMonitorWorkflow.Result> result) {
    try {
      result.get();
    } catch (ChildWorkflowFailure | CanceledFailure e) {
      if (!Failures.isCancellation(e)) {
        throw e;
      }
    }
  }

  private void record(StabilityMonitorWorkflow.Result result) {
    for (AnalysisStatus a : result.analysis()) {
      ReleaseState.AnalysisRecord record = release.state().analysis(a.metric(), "stability");
      for (MeasurementStatus m : a.measurements()) {
        record.add(m);
      }
      record.verdict(result.verdict().name().toLowerCase(Locale.ROOT));
    }
  }

  private static final class PromiseHolder {
    Promise<StabilityMonitorWorkflow.Result> result;
  }
}
