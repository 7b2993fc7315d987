package dev.deployflow.workflow;

import dev.deployflow.analysis.AnalysisVerdict;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * Measures one metric until its verdict is decided ({@link AnalysisLoop}, as a short analysis in
 * the release does); continues as new every {@code measurementsPerRun} measurements (or earlier
 * when Temporal suggests it, or its history grows past {@link #HISTORY_LIMIT}), and reports its
 * progress to the release a bounded number of times. Reads are local activities: one marker event
 * each.
 */
public class RolloutAnalysisWorkflowImpl implements RolloutAnalysisWorkflow {

  /** Measurements per run: about 7 history events each, so a run stays well under 1,000 events. */
  static final int MEASUREMENTS_PER_RUN = 100;
  /** A run continues as new once its history grows past this. */
  static final long HISTORY_LIMIT = 800;
  /** Every measurement is reported while fewer than this were taken: short analyses show each one. */
  static final int REPORT_EACH_UP_TO = 10;
  /** The periodic reports beyond those, whatever the count: each costs the release four events. */
  static final int MAX_REPORTS = 24;

  @Override
  public Result analyse(Request request) {
    AnalysisLoop loop = new AnalysisLoop(request.step(), request.metric(), request.template(), request.baseline(),
        request.vars(), ReleaseTelemetry.applicationOfParent(), request.progress());
    int reportEvery = request.progress() != null ? request.progress().reportEvery()
        : Math.max(1, (loop.policy().count() + MAX_REPORTS - 1) / MAX_REPORTS);
    return loop.run(new AnalysisLoop.Rhythm() {
      private int thisRun;

      @Override
      public void progress(Result progress) {
        thisRun++;
        if (progress.taken() <= REPORT_EACH_UP_TO || progress.taken() % reportEvery == 0) {
          report(request.metric(), progress);
        }
      }

      @Override
      public void rested() {
        if (thisRun >= request.measurementsPerRun()
            || Workflow.getInfo().isContinueAsNewSuggested()
            || Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT) {
          Workflow.continueAsNew(new Request(request.step(), request.metric(), request.template(), request.baseline(),
              request.vars(), request.measurementsPerRun(), loop.progress(reportEvery)));
        }
      }
    });
  }

  /** Tells the release how far the analysis is; a release that is gone is being closed, and so is this child. */
  private static void report(String metric, Result progress) {
    Optional<String> parent = Workflow.getInfo().getParentWorkflowId();
    if (parent.isEmpty()) {
      return;
    }
    try {
      Workflow.newUntypedExternalWorkflowStub(parent.get()).signal(Listener.SIGNAL, new Report(
          new StabilityMonitorWorkflow.Sender(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getFirstExecutionRunId()),
          metric, progress));
    } catch (SignalExternalWorkflowException e) {
      Workflow.getLogger(RolloutAnalysisWorkflowImpl.class).info("the release is gone; progress not reported");
    }
  }
}
