package dev.deployflow.workflow;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Analysis;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.analysis.MeasurementOutcome;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.pipeline.AnalysisTemplate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis of one rollout step, run in the release workflow itself with one activity per
 * measurement: a step takes a bounded number of measurements ({@code count} per metric), so the
 * parent's history stays small, and every measurement shows in the release's status as it
 * arrives. Each metric is measured in its own workflow thread at its own interval; the verdict is
 * the pure {@link Analysis#verdict} and {@link Analysis#combine}. A metric that decides against
 * the step stops the others; {@code promote} skips what is left.
 */
final class AnalysisRun {

  /** How the step's analysis ended: the combined verdict, why, and who skipped it (if someone did). */
  record Result(AnalysisVerdict verdict, String reason, String skippedBy) {}

  private final ReleaseContext release;

  AnalysisRun(ReleaseContext release) {
    this.release = release;
  }

  /** Measures the step's metrics until each has a verdict, one has decided against, or someone promotes. */
  Result run(String step, List<String> metrics, Map<String, Double> baselines) {
    Shared shared = new Shared(step);
    Map<String, AnalysisPolicy> policies = new LinkedHashMap<>();
    for (String metric : metrics) {
      AnalysisPolicy policy = AnalysisPolicy.from(metric, release.pipeline().analysis().get(metric), baselines.get(metric));
      shared.count = Math.max(shared.count, policy.count());
      policies.put(metric, policy);
    }
    // The step says so before the metric threads first run: an update answered now (a promote that
    // skipped the pause before this analysis) shows the analysis, not the pause.
    shared.progress(1);
    Map<String, Promise<AnalysisVerdict>> running = new LinkedHashMap<>();
    policies.forEach((metric, policy) -> {
      AnalysisTemplate template = release.pipeline().analysis().get(metric);
      running.put(metric, Async.function(() -> measure(shared, policy, template)));
    });
    Promise.allOf(new ArrayList<>(running.values())).get();
    List<AnalysisVerdict> verdicts = new ArrayList<>();
    running.values().forEach(p -> verdicts.add(p.get()));
    AnalysisVerdict combined = Analysis.combine(verdicts);
    if (combined == AnalysisVerdict.RUNNING) {
      // Only a promotion ends an analysis before every metric has its verdict.
      String by = release.operator().takePromotion();
      return new Result(AnalysisVerdict.SUCCESSFUL, "analysis of " + step + " skipped by " + by, by);
    }
    return new Result(combined, shared.reasons.isEmpty() ? "analysis of " + step + " "
        + combined.name().toLowerCase(Locale.ROOT) : String.join("; ", shared.reasons), null);
  }

  private AnalysisVerdict measure(Shared shared, AnalysisPolicy policy, AnalysisTemplate template) {
    String metric = policy.metric();
    ReleaseState.AnalysisRecord record = release.state().analysis(metric, shared.step);
    List<MeasurementOutcome> outcomes = new ArrayList<>();
    AnalysisVerdict verdict = AnalysisVerdict.RUNNING;
    try {
      verdict = measureUntilDecided(shared, policy, template, record, outcomes);
    } catch (CanceledFailure | ActivityFailure e) {
      // A rollback or a cancellation interrupted the analysis (while waiting, or while measuring):
      // say so instead of leaving it "running". Only cancellations reach here from a measurement.
      if (e instanceof CanceledFailure || Failures.isCancellation(e)) {
        record.verdict("cancelled");
      }
      throw e;
    }
    if (verdict == AnalysisVerdict.RUNNING) {
      record.verdict("skipped");
    } else if (verdict != AnalysisVerdict.SUCCESSFUL) {
      shared.against(metric + " " + verdict.name().toLowerCase(Locale.ROOT) + " at " + shared.step + ": "
          + describe(outcomes) + " (last: " + last(record) + ")");
    }
    return verdict;
  }

  private AnalysisVerdict measureUntilDecided(
      Shared shared,
      AnalysisPolicy policy,
      AnalysisTemplate template,
      ReleaseState.AnalysisRecord record,
      List<MeasurementOutcome> outcomes) {
    String metric = policy.metric();
    AnalysisVerdict verdict = AnalysisVerdict.RUNNING;
    while (!shared.stopped()) {
      int n = outcomes.size() + 1;
      shared.progress(n);
      Measurement m = read(metric, template, "measure " + metric + " for " + shared.step + " (" + n + "/" + policy.count() + ")");
      MeasurementOutcome outcome = policy.classify(m);
      outcomes.add(outcome);
      record.add(new MeasurementStatus(m.at() == null ? release.state().now() : m.at(), m.value(),
          outcome.name().toLowerCase(Locale.ROOT), policy.explain(m)));
      verdict = Analysis.verdict(policy, outcomes);
      record.verdict(verdict.name().toLowerCase(Locale.ROOT));
      if (verdict.done()) {
        break;
      }
      String summary = "analysis interval of " + metric + " at " + shared.step + " (" + n + "/" + policy.count() + " taken)";
      Waits.until(policy.interval(), summary, shared::stopped);
    }
    return verdict;
  }

  private Measurement read(String metric, AnalysisTemplate template, String summary) {
    try {
      return Activities.metrics(summary).measure(new MeasureRequest(metric, template,
          release.vars(release.plan().production().name(), null, null, release.state().previousVersion())));
    } catch (ActivityFailure e) {
      // The activity never fails by contract; if it does anyway, the source could not be read.
      Failures.rethrowIfCancellation(e);
      return Measurement.error(metric, Failures.reason(e), release.state().now());
    }
  }

  private static String describe(List<MeasurementOutcome> outcomes) {
    Map<MeasurementOutcome, Integer> counts = new LinkedHashMap<>();
    outcomes.forEach(o -> counts.merge(o, 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((o, n) -> parts.add(n + " " + o.name().toLowerCase(Locale.ROOT)));
    return String.join(", ", parts);
  }

  private static String last(ReleaseState.AnalysisRecord record) {
    var measurements = record.toStatus().measurements();
    return measurements.isEmpty() ? "none" : measurements.get(measurements.size() - 1).detail();
  }

  /** What the metric threads of one step share: whether to stop, and the progress shown in status. */
  private final class Shared {
    final String step;
    final List<String> reasons = new ArrayList<>();
    int count = 1;
    int taken;

    Shared(String step) {
      this.step = step;
    }

    boolean stopped() {
      return !reasons.isEmpty() || release.operator().promotePending();
    }

    void against(String reason) {
      reasons.add(reason);
    }

    void progress(int n) {
      taken = Math.max(taken, n);
      release.state().running(step + " — analysis " + Math.min(taken, count) + "/" + count);
    }
  }
}
