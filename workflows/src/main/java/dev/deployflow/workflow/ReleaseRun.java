package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseEvent;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.pipeline.Environment;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.CancellationScope;

/**
 * The release's way forward, phase by phase, as long as nobody asks for a rollback: preparation,
 * staging, approval, production rollout, verification, stability. It ends in one of four ways:
 * succeeded, failed (gate 1), rejected (approval), or a failed gate that needs an automatic
 * rollback. A rollback request or a cancellation interrupts it with a {@code CanceledFailure}.
 */
final class ReleaseRun {

  /** How the way forward ended; {@code ROLLED_BACK} means an automatic rollback must run now. */
  record Ending(Outcome outcome, String reason) {}

  private final ReleaseContext release;
  private final Preparation preparation;
  private final Deployments deployments;
  private final Gates gates;
  private final Rollout rollout;
  private final StabilityWatch stability;

  ReleaseRun(ReleaseContext release, Notifier notifier) {
    this.release = release;
    this.preparation = new Preparation(release, notifier);
    this.deployments = new Deployments(release, new GuidedFailure(release, notifier));
    this.gates = new Gates(release, notifier);
    this.rollout = new Rollout(release, deployments, new AnalysisRun(release), gates);
    this.stability = new StabilityWatch(release, gates);
  }

  /**
   * Runs the release forward. A result that does not decode on this worker (an activity or child
   * of another version answering in a shape this code does not know) fails the step it came from:
   * before anything was deployed the release fails, afterwards it rolls back. Only invalid input
   * fails the run at once (see {@link DeployflowWorkflows#implementationOptions}).
   */
  Ending forward() {
    try {
      return forwardSteps();
    } catch (DataConverterException e) {
      String reason = "the result of '" + release.state().currentStep() + "' " + Failures.undecodable(e);
      boolean deployed = release.state().currentEnvironment() != null;
      if (!deployed && release.plan() == null) {
        // The pipeline itself did not decode: as a pipeline that cannot be loaded, the run fails.
        throw preparation.broken("pipeline '" + release.request().pipeline() + "' " + Failures.undecodable(e));
      }
      return fail(ReleaseEvent.GATE_FAILED, release.machine().phase() == Phase.PREPARATION ? Outcome.FAILED : Outcome.ROLLED_BACK,
          reason);
    }
  }

  private Ending forwardSteps() {
    preparation.loadPipeline();
    String problem = preparation.check();
    if (problem != null) {
      return fail(ReleaseEvent.GATE_FAILED, Outcome.FAILED, "release readiness (gate 1) failed: " + problem);
    }
    advance(ReleaseEvent.PREPARED);

    problem = staging();
    if (problem != null) {
      return fail(ReleaseEvent.GATE_FAILED, Outcome.ROLLED_BACK, problem);
    }
    advance(ReleaseEvent.STAGED);

    problem = approval();
    if (problem != null) {
      return fail(ReleaseEvent.REJECTED, Outcome.REJECTED, problem);
    }
    advance(ReleaseEvent.APPROVED);

    problem = production();
    if (problem != null) {
      return fail(ReleaseEvent.GATE_FAILED, Outcome.ROLLED_BACK, problem);
    }
    advance(ReleaseEvent.ROLLED_OUT);
    ReleaseTelemetry.live();

    release.operator().holdIfPaused();
    problem = deployments.smokeTest(release.plan().production());
    if (problem != null) {
      return fail(ReleaseEvent.GATE_FAILED, Outcome.ROLLED_BACK, "verification (gate 3) failed: " + problem);
    }
    advance(ReleaseEvent.VERIFIED);

    release.operator().holdIfPaused();
    try {
      problem = stability.run(rollout.baselines());
    } catch (ChildWorkflowFailure e) {
      Failures.rethrowIfCancellation(e);
      problem = "the stability monitor failed: " + Failures.reason(e);
    }
    if (problem != null) {
      return fail(ReleaseEvent.GATE_FAILED, Outcome.ROLLED_BACK, problem);
    }
    advance(ReleaseEvent.STABLE);
    return new Ending(Outcome.SUCCEEDED, null);
  }

  private String staging() {
    if (release.plan().stages().isEmpty()) {
      release.state().event("no pre-production stage to deploy"
          + (release.request().kind() == dev.deployflow.model.ReleaseKind.HOTFIX ? " (hotfix skips staging)" : ""));
      return null;
    }
    for (Environment stage : release.plan().stages()) {
      release.operator().holdIfPaused();
      try {
        deployments.recordPreviousVersions(stage);
        deployments.deployAll(stage, 100);
      } catch (ActivityFailure | ChildWorkflowFailure e) {
        Failures.rethrowIfCancellation(e);
        return "deploy to " + stage.name() + " failed: " + Failures.reason(e);
      }
      String problem = deployments.smokeTest(stage);
      if (problem != null) {
        return "staging verification (gate 2) failed: " + problem;
      }
      release.state().event(stage.name() + " deployed and verified");
    }
    return null;
  }

  private String approval() {
    release.operator().holdIfPaused();
    Environment production = release.plan().production();
    if (release.plan().approval() == null) {
      release.state().event("no approval required for " + production.name());
      return null;
    }
    ApprovalGate gate = gates.approval(production.name(), release.plan().approval());
    return switch (gate.state()) {
      case APPROVED -> null;
      case REJECTED -> "rejected by " + gate.decidedBy() + ": " + gate.reason();
      default -> "approval of " + production.name() + " timed out: " + gate.reason()
          + "; " + gate.approvals().size() + " of " + gate.required() + " approvals arrived";
    };
  }

  private String production() {
    release.operator().holdIfPaused();
    try {
      return rollout.run();
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      Failures.rethrowIfCancellation(e);
      return "rollout to " + release.plan().production().name() + " failed: " + Failures.reason(e);
    }
  }

  /** Moves to the next phase, unless a rollback was requested meanwhile (then it interrupts here). */
  private void advance(ReleaseEvent event) {
    if (release.operator().rollbackRequested()) {
      CancellationScope.throwCanceled();
    }
    release.operator().clearPromotion();
    release.machine().fire(event);
  }

  private Ending fail(ReleaseEvent event, Outcome outcome, String reason) {
    ReleaseTelemetry.failing();
    release.state().failure(reason);
    advance(event);
    return new Ending(outcome, reason);
  }
}
