package dev.deployflow.workflow;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Analysis;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.analysis.MeasurementOutcome;
import dev.deployflow.model.MeasurementState;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures one metric until its verdict is decided; continues as new every
 * {@code measurementsPerRun} measurements (or earlier when Temporal suggests it, or its history
 * grows past {@link #HISTORY_LIMIT}). Reads are local activities: one marker event each.
 */
public class RolloutAnalysisWorkflowImpl implements RolloutAnalysisWorkflow {

  /** Measurements per run: about 7 history events each, so a run stays well under 1,000 events. */
  static final int MEASUREMENTS_PER_RUN = 100;
  /** A run continues as new once its history grows past this. */
  static final long HISTORY_LIMIT = 800;
  /** The measurements kept for the release's status. */
  static final int RECENT = 10;
  /** Every measurement is reported while fewer than this were taken: short analyses show each one. */
  static final int REPORT_EACH_UP_TO = 10;
  /** The periodic reports beyond those, whatever the count: each costs the release four events. */
  static final int MAX_REPORTS = 24;

  private Request request;
  private int failed;
  private int inconclusive;
  private int successful;
  private int errors;
  private int trailingErrors;
  private int runs;
  private int reportEvery;
  private final List<MeasurementStatus> recent = new ArrayList<>();

  @Override
  public Result analyse(Request request) {
    this.request = request;
    AnalysisPolicy policy = AnalysisPolicy.from(request.metric(), request.template(), request.baseline());
    restore(request.progress(), policy);
    int thisRun = 0;
    while (true) {
      int n = taken() + 1;
      Measurement m = read("measure " + request.metric() + " for " + request.step() + " (" + n + "/" + policy.count() + ")");
      MeasurementOutcome outcome = policy.classify(m);
      ReleaseTelemetry.measured(ReleaseTelemetry.applicationOfParent(), request.metric(),
          outcome.name().toLowerCase(java.util.Locale.ROOT));
      add(outcome);
      recent.add(new MeasurementStatus(m.at() == null ? now() : m.at(), m.value(),
          MeasurementState.valueOf(outcome.name()), policy.explain(m)));
      if (recent.size() > RECENT) {
        recent.remove(0);
      }
      thisRun++;
      AnalysisVerdict verdict = Analysis.verdict(policy, outcomes());
      if (verdict.done()) {
        return result(verdict);
      }
      if (taken() <= REPORT_EACH_UP_TO || taken() % reportEvery == 0) {
        report();
      }
      Waits.sleep(policy.interval(), "analysis interval of " + request.metric() + " at " + request.step()
          + " (" + taken() + "/" + policy.count() + " taken)");
      if (thisRun >= request.measurementsPerRun()
          || Workflow.getInfo().isContinueAsNewSuggested()
          || Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT) {
        Workflow.continueAsNew(new Request(request.step(), request.metric(), request.template(), request.baseline(),
            request.vars(), request.measurementsPerRun(),
            new Progress(failed, inconclusive, successful, errors, trailingErrors, runs, List.copyOf(recent), reportEvery)));
      }
    }
  }

  private void restore(Progress progress, AnalysisPolicy policy) {
    if (progress != null) {
      failed = progress.failed();
      inconclusive = progress.inconclusive();
      successful = progress.successful();
      errors = progress.errors();
      trailingErrors = progress.trailingErrors();
      runs = progress.runs();
      recent.addAll(progress.recent());
      reportEvery = progress.reportEvery();
    } else {
      reportEvery = Math.max(1, (policy.count() + MAX_REPORTS - 1) / MAX_REPORTS);
    }
    runs++;
  }

  private int taken() {
    return failed + inconclusive + successful + errors;
  }

  /** Adds one outcome: an error extends the run of errors at the end, anything else ends it. */
  private void add(MeasurementOutcome outcome) {
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

  /**
   * A list of outcomes on which {@link Analysis#verdict} decides exactly as on the full list: the
   * verdict depends only on the counts of failed, inconclusive and measured outcomes and on the
   * run of errors at the end.
   */
  private List<MeasurementOutcome> outcomes() {
    List<MeasurementOutcome> outcomes = new ArrayList<>();
    outcomes.addAll(Collections.nCopies(failed, MeasurementOutcome.FAILED));
    outcomes.addAll(Collections.nCopies(inconclusive, MeasurementOutcome.INCONCLUSIVE));
    outcomes.addAll(Collections.nCopies(successful, MeasurementOutcome.SUCCESSFUL));
    outcomes.addAll(Collections.nCopies(trailingErrors, MeasurementOutcome.ERROR));
    return outcomes;
  }

  private Measurement read(String summary) {
    try {
      return Activities.localMetrics(summary).measure(new MeasureRequest(request.metric(), request.template(), request.vars()));
    } catch (ActivityFailure e) {
      // The activity never fails by contract; if it does anyway, the source could not be read.
      Failures.rethrowIfCancellation(e);
      return Measurement.error(request.metric(), Failures.reason(e), now());
    }
  }

  /** Tells the release how far the analysis is; a release that is gone is being closed, and so is this child. */
  private void report() {
    Optional<String> parent = Workflow.getInfo().getParentWorkflowId();
    if (parent.isEmpty()) {
      return;
    }
    try {
      Workflow.newUntypedExternalWorkflowStub(parent.get()).signal(Listener.SIGNAL, new Report(
          new StabilityMonitorWorkflow.Sender(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getFirstExecutionRunId()),
          request.metric(), result(AnalysisVerdict.RUNNING)));
    } catch (SignalExternalWorkflowException e) {
      Workflow.getLogger(RolloutAnalysisWorkflowImpl.class).info("the release is gone; progress not reported");
    }
  }

  private Result result(AnalysisVerdict verdict) {
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
    return new Result(verdict, taken(), runs, String.join(", ", parts), List.copyOf(recent));
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
