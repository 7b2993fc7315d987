package dev.deployflow.workflow;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Analysis;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.analysis.MeasurementOutcome;
import dev.deployflow.model.MeasurementState;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.pipeline.AnalysisTemplate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis of one metric at one rollout step: it measures (a local activity: one marker
 * event), classifies with the {@link AnalysisPolicy}, keeps a compact tally and the latest
 * measurements, asks {@link Analysis#verdict} and sleeps the interval until the verdict is decided.
 * Both ways of running an analysis use it, the {@link RolloutAnalysisWorkflow} child of a long
 * analysis and the release itself for a short one ({@link AnalysisRun}), so that the two can never
 * decide differently; they differ only in what they do between measurements ({@link Rhythm}).
 */
final class AnalysisLoop {

  /** The measurements kept for the release's status. */
  static final int RECENT = 10;

  /** What the runner of the loop does between measurements. */
  interface Rhythm {
    /** After a measurement that decided nothing, before the interval: how the analysis stands (verdict RUNNING). */
    void progress(RolloutAnalysisWorkflow.Result progress);

    /** After the interval, before the next measurement: the child continues as new here. */
    void rested();
  }

  private final String step;
  private final String metric;
  private final AnalysisTemplate template;
  private final Map<String, String> vars;
  private final String application;
  private final AnalysisPolicy policy;
  private final Tally tally = new Tally();
  private int runs;
  private final List<MeasurementStatus> recent = new ArrayList<>();

  /**
   * @param vars the release variables of the metric query (no secrets: those are resolved in the activity)
   * @param application the release's application, for the measurement counter
   * @param restored what earlier runs of a child's chain saw; null for a first run
   */
  AnalysisLoop(String step, String metric, AnalysisTemplate template, Double baseline, Map<String, String> vars,
      String application, RolloutAnalysisWorkflow.Progress restored) {
    this.step = step;
    this.metric = metric;
    this.template = template;
    this.vars = vars;
    this.application = application;
    this.policy = AnalysisPolicy.from(metric, template, baseline);
    if (restored != null) {
      tally.failed = restored.failed();
      tally.inconclusive = restored.inconclusive();
      tally.successful = restored.successful();
      tally.errors = restored.errors();
      tally.trailingErrors = restored.trailingErrors();
      runs = restored.runs();
      recent.addAll(restored.recent());
    }
    runs++;
  }

  AnalysisPolicy policy() {
    return policy;
  }

  /** Measures until the verdict is decided and returns it; the rhythm may end the run earlier (continue-as-new). */
  RolloutAnalysisWorkflow.Result run(Rhythm rhythm) {
    while (true) {
      AnalysisVerdict verdict = measure();
      if (verdict.done()) {
        return result(verdict);
      }
      rhythm.progress(result(AnalysisVerdict.RUNNING));
      Waits.sleep(policy.interval(), "analysis interval of " + metric + " at " + step
          + " (" + taken() + "/" + policy.count() + " taken)");
      rhythm.rested();
    }
  }

  /** Takes, judges and tallies one measurement, and returns the verdict on all of them so far. */
  private AnalysisVerdict measure() {
    int n = taken() + 1;
    Measurement m = read("measure " + metric + " for " + step + " (" + n + "/" + policy.count() + ")");
    MeasurementOutcome outcome = policy.classify(m);
    ReleaseTelemetry.measured(application, metric, outcome.name().toLowerCase(Locale.ROOT));
    tally.add(outcome);
    recent.add(new MeasurementStatus(m.at() == null ? now() : m.at(), m.value(),
        MeasurementState.valueOf(outcome.name()), policy.explain(m)));
    if (recent.size() > RECENT) {
      recent.remove(0);
    }
    return tally.verdict(policy);
  }

  /** The measurements taken in all runs, errors included. */
  int taken() {
    return tally.taken();
  }

  /** What a child carries into its next run. */
  RolloutAnalysisWorkflow.Progress progress(int reportEvery) {
    return new RolloutAnalysisWorkflow.Progress(tally.failed, tally.inconclusive, tally.successful, tally.errors,
        tally.trailingErrors, runs, List.copyOf(recent), reportEvery);
  }

  /** How the analysis stands with this verdict: the counts as a person reads them and the latest measurements. */
  RolloutAnalysisWorkflow.Result result(AnalysisVerdict verdict) {
    return new RolloutAnalysisWorkflow.Result(verdict, taken(), runs, tally.counts(), List.copyOf(recent));
  }

  private Measurement read(String summary) {
    try {
      return Activities.localMetrics(summary).measure(new MeasureRequest(metric, template, vars));
    } catch (ActivityFailure e) {
      // The activity never fails by contract; if it does anyway, the source could not be read. A
      // local activity is never cancelled (the SDK lets it run to its end), so a rollback, a
      // promotion or another metric's verdict ends the analysis at its next interval instead; the
      // release does not wait for a read in flight (AnalysisRun).
      Failures.rethrowIfCancellation(e);
      return Measurement.error(metric, Failures.reason(e), now());
    }
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }

  /**
   * The outcomes so far, reduced to what {@link Analysis#verdict} depends on: the counts of failed,
   * inconclusive and measured outcomes and the run of errors at the end. Pure, so that a table test
   * checks it decides as the verdict on the full list does.
   */
  static final class Tally {
    int failed;
    int inconclusive;
    int successful;
    int errors;
    int trailingErrors;

    /** Adds one outcome: an error extends the run of errors at the end, anything else ends it. */
    void add(MeasurementOutcome outcome) {
      switch (outcome) {
        case ERROR -> {
          errors++;
          trailingErrors++;
        }
        case FAILED -> failed++;
        case INCONCLUSIVE -> inconclusive++;
        case SUCCESSFUL -> successful++;
      }
      if (outcome != MeasurementOutcome.ERROR) {
        trailingErrors = 0;
      }
    }

    int taken() {
      return failed + inconclusive + successful + errors;
    }

    /** The verdict of {@link Analysis#verdict} on a list that it decides on exactly as on the full one. */
    AnalysisVerdict verdict(AnalysisPolicy policy) {
      List<MeasurementOutcome> outcomes = new ArrayList<>();
      outcomes.addAll(Collections.nCopies(failed, MeasurementOutcome.FAILED));
      outcomes.addAll(Collections.nCopies(inconclusive, MeasurementOutcome.INCONCLUSIVE));
      outcomes.addAll(Collections.nCopies(successful, MeasurementOutcome.SUCCESSFUL));
      outcomes.addAll(Collections.nCopies(trailingErrors, MeasurementOutcome.ERROR));
      return Analysis.verdict(policy, outcomes);
    }

    /** The counts as a person reads them: {@code 3 successful, 1 inconclusive}. */
    String counts() {
      List<String> parts = new ArrayList<>();
      if (successful > 0) {
        parts.add(successful + " successful");
      }
      if (failed > 0) {
        parts.add(failed + " failed");
      }
      if (inconclusive > 0) {
        parts.add(inconclusive + " inconclusive");
      }
      if (errors > 0) {
        parts.add(errors + " error");
      }
      return String.join(", ", parts);
    }
  }
}
