package dev.deployflow.workflow;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Analysis;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.analysis.MeasurementOutcome;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.MeasurementState;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.workflow.StabilityMonitorWorkflow.Metric;
import dev.deployflow.workflow.StabilityMonitorWorkflow.Progress;
import dev.deployflow.workflow.StabilityMonitorWorkflow.Request;
import dev.deployflow.workflow.StabilityMonitorWorkflow.Result;
import dev.deployflow.workflow.StabilityMonitorWorkflow.Tally;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The check loop of one stability window and its tally, the same code whether the window runs in
 * the {@link StabilityMonitorWorkflow} child or in the release itself ({@link StabilityWatch}), so
 * that the two can never decide differently: every interval each metric is read in parallel
 * through a local activity (one marker event per read), classified and added to its tally; a
 * metric that decides against the release ends the window at once, and the window passes when it
 * reaches its end without one. What differs is left to a {@link Host}: where progress goes (a
 * signal to the release, or the release's own status) and whether a run continues as new.
 */
final class StabilityChecks {

  /** The measurements kept per metric for the status. */
  static final int RECENT = 5;
  /**
   * The periodic progress reports per window, whatever its length: a 2-hour window of 1-minute
   * checks reports every 5 checks, a 7-day one every 420. A report of the child costs the release
   * four history events; one shown by the release itself costs none.
   */
  static final int MAX_REPORTS = 24;
  /** The extra reports per window made at once when a metric turns unhealthy. */
  static final int MAX_ALERTS = 8;

  /** What the loop leaves to where it runs. */
  interface Host {
    /** Before the wait for the next check, with what the window has seen so far. */
    void waiting(StabilityChecks window);

    /** A progress report, at most {@link #MAX_REPORTS} plus {@link #MAX_ALERTS} per window. */
    void report(Result progress);

    /** After a check that did not end the window, with the checks made since this run began. */
    void checked(StabilityChecks window, int checksThisRun);

    /**
     * The summary of the timer before a check, as the Temporal UI lists it. The child's own
     * summary names the window; in the release the timer must name it itself.
     */
    default String waitSummary(String wait) {
      return wait;
    }
  }

  private final Request request;
  private final List<AnalysisPolicy> policies = new ArrayList<>();
  private final List<Tally> tallies = new ArrayList<>();
  private final List<List<MeasurementStatus>> recent = new ArrayList<>();
  private int checks;
  private final int runs;
  private final int reportEvery;
  private int alerts;

  /** A window's checks, continuing from what earlier runs saw ({@code request.progress()}, or none). */
  StabilityChecks(Request request) {
    this.request = request;
    Progress progress = request.progress();
    for (Metric metric : request.metrics()) {
      AnalysisPolicy p = AnalysisPolicy.from(metric.name(), metric.template(), metric.baseline());
      // The window's length, not the template's count, decides when the window passes, so the
      // count is set out of reach; the limits are the template's.
      policies.add(new AnalysisPolicy(p.metric(), p.max(), p.min(), p.maxIncrease(), p.baseline(), Integer.MAX_VALUE,
          p.interval(), p.failureLimit(), p.inconclusiveLimit(), p.consecutiveErrorLimit()));
      Tally tally = new Tally(metric.name(), 0, 0, 0, 0);
      List<MeasurementStatus> kept = new ArrayList<>();
      if (progress != null) {
        for (Tally t : progress.tallies()) {
          if (t.metric().equals(metric.name())) {
            tally = t;
          }
        }
        for (AnalysisStatus a : progress.recent()) {
          if (a.metric().equals(metric.name())) {
            kept.addAll(a.measurements());
          }
        }
      }
      tallies.add(tally);
      recent.add(kept);
    }
    checks = progress == null ? 0 : progress.checks();
    runs = (progress == null ? 0 : progress.runs()) + 1;
    alerts = progress == null ? 0 : progress.alerts();
    if (progress != null && progress.reportEvery() > 0) {
      reportEvery = progress.reportEvery();
    } else {
      // Fixed by the first run from the window's length, so that the whole chain reports at most MAX_REPORTS times.
      reportEvery = (int) Math.max(1, (expectedChecks(request) + MAX_REPORTS - 1) / MAX_REPORTS);
    }
  }

  /** The checks a window has left from now: one per interval, the last one cut short by the window's end. */
  static long expectedChecks(Request request) {
    long left = Math.max(0, request.endsAtMillis() - Workflow.currentTimeMillis());
    return (left + request.intervalMillis() - 1) / request.intervalMillis();
  }

  /**
   * Checks every interval until the window ends (SUCCESSFUL) or a metric decides against the
   * release (FAILED or INCONCLUSIVE, with why). A cancellation (a rollback, a promotion) ends it
   * with a {@link io.temporal.failure.CanceledFailure} from the wait or a read.
   */
  Result watch(Host host) {
    Duration interval = Duration.ofMillis(request.intervalMillis());
    int checksThisRun = 0;
    while (true) {
      long now = Workflow.currentTimeMillis();
      if (now >= request.endsAtMillis()) {
        return result(AnalysisVerdict.SUCCESSFUL, "no breach in " + checks + " checks");
      }
      long wait = Math.min(interval.toMillis(), request.endsAtMillis() - now);
      host.waiting(this);
      Waits.sleep(Duration.ofMillis(wait),
          host.waitSummary("stability check " + (checks + 1) + " in " + Durations.format(Duration.ofMillis(wait))));
      boolean turnedUnhealthy = check();
      AnalysisVerdict verdict = verdict();
      checks++;
      checksThisRun++;
      // The count is out of reach, so a metric is never SUCCESSFUL before the window ends; a window
      // without metrics combines to SUCCESSFUL at once and simply waits for its end.
      if (verdict.done() && verdict != AnalysisVerdict.SUCCESSFUL) {
        return result(verdict, breach(verdict));
      }
      if (Workflow.currentTimeMillis() < request.endsAtMillis()) {
        boolean alert = turnedUnhealthy && alerts < MAX_ALERTS;
        if (alert) {
          alerts++;
        }
        if (alert || checks % reportEvery == 0) {
          host.report(result(AnalysisVerdict.RUNNING, health()));
        }
      }
      // Asked again: a report may have waited for its delivery while the window reached its end.
      if (Workflow.currentTimeMillis() < request.endsAtMillis()) {
        host.checked(this, checksThisRun);
      }
    }
  }

  /** The window so far, as a query answers it. */
  Result progress() {
    return result(AnalysisVerdict.RUNNING, checks + " checks so far");
  }

  /** The checks made so far in every run. */
  int checks() {
    return checks;
  }

  /** What the next run of a chain starts from. */
  Progress carried() {
    return new Progress(checks, runs, List.copyOf(tallies), analysis(AnalysisVerdict.RUNNING), reportEvery, alerts);
  }

  /**
   * One check: every metric read in parallel, classified and added to its tally.
   *
   * @return whether a metric that was healthy at the previous check (or had none) is not now
   */
  private boolean check() {
    List<Promise<Measurement>> reads = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      Metric metric = request.metrics().get(i);
      String summary = "measure " + metric.name() + " (stability check " + (checks + 1) + ")";
      // Several metrics are read in parallel; a single one directly, sparing a workflow thread per check.
      reads.add(policies.size() == 1 ? Workflow.newPromise(read(metric, summary)) : Async.function(() -> read(metric, summary)));
    }
    boolean turnedUnhealthy = false;
    for (int i = 0; i < policies.size(); i++) {
      AnalysisPolicy policy = policies.get(i);
      Measurement m = reads.get(i).get();
      MeasurementOutcome outcome = policy.classify(m);
      tallies.set(i, add(tallies.get(i), outcome));
      List<MeasurementStatus> kept = recent.get(i);
      boolean wasHealthy = kept.isEmpty() || kept.get(kept.size() - 1).outcome() == MeasurementState.SUCCESSFUL;
      turnedUnhealthy |= wasHealthy && outcome != MeasurementOutcome.SUCCESSFUL;
      kept.add(new MeasurementStatus(m.at() == null ? Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString() : m.at(),
          m.value(), MeasurementState.valueOf(outcome.name()), policy.explain(m)));
      if (kept.size() > RECENT) {
        kept.remove(0);
      }
    }
    return turnedUnhealthy;
  }

  /** The verdict on every metric's tally. */
  private AnalysisVerdict verdict() {
    List<AnalysisVerdict> verdicts = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      verdicts.add(Analysis.verdict(policies.get(i), expand(tallies.get(i))));
    }
    return Analysis.combine(verdicts);
  }

  /** Each metric's health in a few words: {@code error-rate ok}, or what counts against it so far. */
  private String health() {
    List<String> parts = new ArrayList<>();
    for (Tally t : tallies) {
      List<String> against = new ArrayList<>();
      if (t.failed() > 0) {
        against.add(t.failed() + " failed");
      }
      if (t.inconclusive() > 0) {
        against.add(t.inconclusive() + " inconclusive");
      }
      if (t.trailingErrors() > 0) {
        against.add(t.trailingErrors() + " unreadable in a row");
      }
      parts.add(t.metric() + (against.isEmpty() ? " ok" : ": " + String.join(", ", against)));
    }
    return parts.isEmpty() ? "no metrics" : String.join("; ", parts);
  }

  private Measurement read(Metric metric, String summary) {
    try {
      return Activities.localMetrics(summary).measure(new MeasureRequest(metric.name(), metric.template(), vars()));
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      return Measurement.error(metric.name(), Failures.reason(e), Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString());
    }
  }

  /** The release variables; a request without them (older parents) gets the basic three, in a fixed order. */
  private Map<String, String> vars() {
    if (request.vars() != null) {
      return request.vars();
    }
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("application", request.application());
    vars.put("version", request.version());
    vars.put("environment", request.environment());
    return vars;
  }

  /** Adds one outcome to a tally: an error extends the run of errors, anything else ends it. */
  static Tally add(Tally t, MeasurementOutcome outcome) {
    return switch (outcome) {
      case ERROR -> new Tally(t.metric(), t.failed(), t.inconclusive(), t.successful(), t.trailingErrors() + 1);
      case FAILED -> new Tally(t.metric(), t.failed() + 1, t.inconclusive(), t.successful(), 0);
      case INCONCLUSIVE -> new Tally(t.metric(), t.failed(), t.inconclusive() + 1, t.successful(), 0);
      case SUCCESSFUL -> new Tally(t.metric(), t.failed(), t.inconclusive(), t.successful() + 1, 0);
    };
  }

  /**
   * A list of outcomes on which {@link Analysis#verdict} decides as on the full list: the verdict
   * depends only on the counts of failed and inconclusive outcomes, on whether anything was
   * measured, and on the run of errors at the end (the count is out of reach here).
   */
  static List<MeasurementOutcome> expand(Tally t) {
    List<MeasurementOutcome> outcomes = new ArrayList<>();
    outcomes.addAll(Collections.nCopies(t.failed(), MeasurementOutcome.FAILED));
    outcomes.addAll(Collections.nCopies(t.inconclusive(), MeasurementOutcome.INCONCLUSIVE));
    if (t.successful() > 0) {
      outcomes.add(MeasurementOutcome.SUCCESSFUL);
    }
    outcomes.addAll(Collections.nCopies(t.trailingErrors(), MeasurementOutcome.ERROR));
    return outcomes;
  }

  private List<AnalysisStatus> analysis(AnalysisVerdict verdict) {
    List<AnalysisStatus> out = new ArrayList<>();
    for (int i = 0; i < tallies.size(); i++) {
      out.add(new AnalysisStatus(tallies.get(i).metric(), "stability", List.copyOf(recent.get(i)),
          verdict.shown()));
    }
    return out;
  }

  private String breach(AnalysisVerdict verdict) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < tallies.size(); i++) {
      Tally t = tallies.get(i);
      List<MeasurementStatus> kept = recent.get(i);
      String last = kept.isEmpty() ? "" : " (last: " + kept.get(kept.size() - 1).detail() + ")";
      parts.add(t.metric() + ": " + t.failed() + " failed, " + t.inconclusive() + " inconclusive, "
          + t.trailingErrors() + " errors in a row" + last);
    }
    return "stability " + verdict.name().toLowerCase(Locale.ROOT) + " at check " + checks + ": " + String.join("; ", parts);
  }

  private Result result(AnalysisVerdict verdict, String reason) {
    return new Result(verdict, checks, runs, reason, analysis(verdict));
  }
}
