package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseEvent;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.WaveState;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.plan.Wave;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.CancellationScope;
import java.util.List;

/**
 * The release's way forward, phase by phase, as long as nobody asks for a rollback: preparation,
 * staging, then for each production wave in turn approval, production rollout, verification,
 * stability. It ends in one of four ways:
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
    if (release.plan() != null) {
      release.state().waves().plan(release.plan().waves().stream().map(Wave::name).toList());
    }
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

    List<Wave> waves = release.plan().waves();
    for (Wave wave : waves) {
      if (wave.number() > 1) {
        advance(ReleaseEvent.WAVE_STABLE);
      }
      Ending ending = wave(wave, wave.number() == waves.size());
      if (ending != null) {
        return ending;
      }
    }
    return new Ending(Outcome.SUCCEEDED, null);
  }

  /**
   * One production wave: its approval, rollout, smoke tests (gate 3) and stability window (gate 4).
   * The last wave's stable window completes the release; an earlier one's leads to the next wave.
   *
   * @return how the release ended in this wave, or null when the wave passed
   */
  private Ending wave(Wave wave, boolean last) {
    Environment environment = wave.environment();
    String problem = approval(wave);
    if (problem != null) {
      release.state().wave(environment.name(), WaveState.REJECTED);
      return fail(ReleaseEvent.REJECTED, Outcome.REJECTED, problem);
    }
    advance(ReleaseEvent.APPROVED);

    problem = production(wave);
    if (problem != null) {
      return failIn(wave, problem);
    }
    advance(ReleaseEvent.ROLLED_OUT);
    if (wave.number() == 1) {
      ReleaseTelemetry.live();
    }

    release.operator().holdIfPaused();
    release.state().wave(environment.name(), WaveState.VERIFYING);
    problem = deployments.smokeTest(environment);
    if (problem != null) {
      return failIn(wave, "verification (gate 3) failed: " + problem);
    }
    advance(ReleaseEvent.VERIFIED);

    release.operator().holdIfPaused();
    release.state().wave(environment.name(), WaveState.STABILIZING);
    try {
      problem = stability.run(environment, rollout.baselines());
    } catch (ChildWorkflowFailure e) {
      Failures.rethrowIfCancellation(e);
      problem = "the stability monitor failed: " + Failures.reason(e);
    }
    if (problem != null) {
      return failIn(wave, problem);
    }
    release.state().wave(environment.name(), WaveState.DONE);
    if (last) {
      advance(ReleaseEvent.STABLE);
    } else {
      release.state().event(environment.name() + " (wave " + wave.number() + ") is stable; the next wave follows");
    }
    return null;
  }

  /** A step of the wave failed: the wave says so, and the release rolls back (this wave and those before it). */
  private Ending failIn(Wave wave, String problem) {
    release.state().wave(wave.name(), WaveState.FAILED);
    return fail(ReleaseEvent.GATE_FAILED, Outcome.ROLLED_BACK, problem);
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

  /**
   * The wave's approval. The first wave opens its gate when it has one; a later wave opens its own
   * gate, named after its environment, or follows the first wave's approval without a second wait.
   * Before a gate opens the wave's live versions are read (read-only), so that the approval request
   * shows live → candidate for the environment it opens; the rollout then reuses what was read as
   * the versions a rollback restores.
   */
  private String approval(Wave wave) {
    release.operator().holdIfPaused();
    Environment production = wave.environment();
    if (wave.approval() == null) {
      release.state().event(wave.followsApprovalOf() != null
          ? production.name() + " follows the approval of " + wave.followsApprovalOf()
          : "no approval required for " + production.name());
      return null;
    }
    release.state().wave(production.name(), WaveState.AWAITING_APPROVAL);
    probeLiveVersions(production);
    ApprovalGate gate = gates.approval(production.name(), wave.approval());
    return switch (gate.state()) {
      case APPROVED -> null;
      case REJECTED -> "rejected by " + gate.decidedBy() + ": " + gate.reason();
      default -> "approval of " + production.name() + " timed out: " + gate.reason()
          + "; " + gate.approvals().size() + " of " + gate.required() + " approvals arrived";
    };
  }

  /**
   * Reads the versions the wave's environment runs now, for the approval's diff. A probe that fails
   * does not hold the approval: the diff then shows no live version there, and the rollout reads
   * again right before its first deploy (a probe that fails then rolls back, as before).
   */
  private void probeLiveVersions(Environment production) {
    try {
      deployments.recordPreviousVersions(production, false);
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      unread(production, Failures.reason(e));
    } catch (DataConverterException e) {
      // An answer this worker cannot read is no version either; the approval phase cannot fail a gate.
      unread(production, "its answer " + Failures.undecodable(e));
    }
  }

  private void unread(Environment production, String why) {
    release.state().event("the live versions of " + production.name() + " could not be read before its approval: "
        + why + "; the rollout reads them again before its first deploy");
  }

  private String production(Wave wave) {
    release.operator().holdIfPaused();
    try {
      return rollout.run(wave);
    } catch (ActivityFailure | ChildWorkflowFailure e) {
      Failures.rethrowIfCancellation(e);
      return "rollout to " + wave.name() + " failed: " + Failures.reason(e);
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
