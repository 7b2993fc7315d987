package dev.deployflow.workflow;

import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Optional;

/**
 * A long stability window in a child of its own: the checks of {@link StabilityChecks} every
 * interval until the window ends or a metric breaches, continuing as new every
 * {@code checksPerRun} checks (or earlier when Temporal suggests it), and reporting its progress
 * to the release by signal. Metrics are read through local activities: one marker event per read
 * instead of three activity events.
 */
public class StabilityMonitorWorkflowImpl implements StabilityMonitorWorkflow {

  /** A run continues as new once its history grows past this, whatever checksPerRun says. */
  static final long HISTORY_LIMIT = 700;

  private Request request;
  private StabilityChecks window;

  @Override
  public Result watch(Request request) {
    this.request = request;
    this.window = new StabilityChecks(request);
    return window.watch(new ChildHost());
  }

  @Override
  public Result progress() {
    return window.progress();
  }

  /** Where a child's checks go: its current details, signals to the release, continue-as-new. */
  private final class ChildHost implements StabilityChecks.Host {
    @Override
    public void waiting(StabilityChecks window) {
      Workflow.setCurrentDetails("stability of " + request.environment() + ": " + window.checks()
          + " checks, no breach; window ends " + Instant.ofEpochMilli(request.endsAtMillis()));
    }

    @Override
    public void checked(StabilityChecks window, int checksThisRun) {
      if (checksThisRun >= request.checksPerRun()
          || Workflow.getInfo().isContinueAsNewSuggested()
          || Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT) {
        Workflow.continueAsNew(new Request(request.application(), request.version(), request.environment(),
            request.metrics(), request.vars(), request.intervalMillis(), request.endsAtMillis(), request.checksPerRun(),
            window.carried()));
      }
    }

    /**
     * Tells the release how the window goes. The parent is gone only when it closed, and then this
     * child is being cancelled or terminated too, so a failed report changes nothing.
     */
    @Override
    public void report(Result progress) {
      Optional<String> parent = Workflow.getInfo().getParentWorkflowId();
      if (parent.isEmpty()) {
        return;
      }
      try {
        Workflow.newUntypedExternalWorkflowStub(parent.get())
            .signal(StabilityProgressListener.SIGNAL, new Report(
                new Sender(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getFirstExecutionRunId()), progress));
      } catch (SignalExternalWorkflowException e) {
        Workflow.getLogger(StabilityMonitorWorkflowImpl.class).info("the release is gone; progress not reported");
      }
    }
  }
}
