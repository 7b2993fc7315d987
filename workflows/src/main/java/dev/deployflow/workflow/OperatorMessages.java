package dev.deployflow.workflow;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackMessage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rules of the operator messages ({@code approve}, {@code reject}, {@code rollback},
 * {@code pause}, {@code resume}, {@code promote}) and how an accepted one changes the release.
 * Each {@code refuse…} method only reads, so update validators call it and a refused update leaves
 * nothing in history; a signal handler calls it too and lists a refused signal in
 * {@code status.rejectedMessages}. The reasons are written for the person who sent the message.
 *
 * <p>Each method that applies a message returns a condition that holds once the release's main
 * code has acted on it (the gate it completed was left, the rollback started, the wait it skipped
 * ended): an update answers only then, so that the status it returns is the one after the message
 * took effect (see {@link DeploymentWorkflowImpl}). A signal ignores it.
 */
final class OperatorMessages {
  private final ReleaseState state;
  private final Operator operator;

  OperatorMessages(ReleaseState state, Operator operator) {
    this.state = state;
    this.operator = operator;
  }

  // ---- approve -------------------------------------------------------------------------------

  String refuseApprove(ApproveMessage m) {
    return m == null
        ? refuseCommon(null, true)
        : refuseAtGate(m.by(), m.gate(), gate -> gate.refuseApproval(m));
  }

  /** The refusal shared by approve and reject: the sender, then the gate, then the gate's own rules. */
  private String refuseAtGate(String by, String gateName, Function<ApprovalGate, String> rules) {
    String common = refuseCommon(by, false);
    if (common != null) {
      return common;
    }
    ApprovalGate gate = targetGate(gateName);
    return gate == null ? noGate(gateName) : rules.apply(gate);
  }

  Supplier<Boolean> approve(ApproveMessage m) {
    ApprovalGate gate = targetGate(m.gate());
    gate.approve(m.by(), state.now(), m.comment());
    String comment = blank(m.comment()) ? "" : ": " + m.comment();
    state.decided(m.by(), "approved gate '" + gate.name() + "' (" + gate.progress() + ")" + comment);
    if (gate.isWaiting()) {
      // Counted, and the gate waits for more: the release keeps waiting, its step shows the new count.
      state.waiting(gate.waitingFor(state.version()));
      return () -> true;
    }
    return this::leftTheGate;
  }

  // ---- reject --------------------------------------------------------------------------------

  String refuseReject(RejectMessage m) {
    return m == null
        ? refuseCommon(null, true)
        : refuseAtGate(m.by(), m.gate(), gate -> gate.refuseRejection(m));
  }

  Supplier<Boolean> reject(RejectMessage m) {
    ApprovalGate gate = targetGate(m.gate());
    String reason = blank(m.reason()) ? "no reason given" : m.reason();
    gate.reject(m.by(), reason);
    state.decided(m.by(), "rejected gate '" + gate.name() + "': " + reason);
    return this::leftTheGate;
  }

  /** Whether the release has left the approval gate that a message closed (only approval gates take approvals). */
  private boolean leftTheGate() {
    return state.phase() != Phase.APPROVAL || state.outcome() != null;
  }

  // ---- rollback ------------------------------------------------------------------------------

  String refuseRollback(RollbackMessage m) {
    String common = refuseCommon(m == null ? null : m.by(), m == null);
    if (common != null) {
      return common;
    }
    if (state.outcome() != null || state.phase() == Phase.COMPLETION) {
      return "the release is completing or complete (" + describeEnd() + "); a rollback is no longer possible";
    }
    if (operator.rollbackRequested()) {
      return "a rollback is already under way (requested by " + operator.rollback().by() + ")";
    }
    if (state.phase() == Phase.ROLLBACK) {
      // An automatic rollback: nobody requested it, the failure that caused it says why.
      java.util.List<String> failures = state.failures();
      return "a rollback is already under way (automatic: "
          + (failures.isEmpty() ? "a gate failed" : failures.get(failures.size() - 1)) + ")";
    }
    return null;
  }

  Supplier<Boolean> rollback(RollbackMessage m) {
    String reason = blank(m.reason()) ? "no reason given" : m.reason();
    state.decided(m.by(), "rollback (" + m.effectiveLevel().json() + ") requested in phase "
        + state.phase().json() + ": " + reason);
    operator.requestRollback(m);
    if (operator.runningStep() != null) {
      // The rollback waits for it: say so, instead of the step it interrupts.
      state.running("waiting for the running " + operator.runningStep() + " to end before rolling back");
    }
    return () -> state.phase() == Phase.ROLLBACK || state.phase() == Phase.COMPLETION || state.outcome() != null;
  }

  // ---- pause / resume ------------------------------------------------------------------------

  String refusePause(PauseMessage m) {
    String common = refuseCommon(m == null ? null : m.by(), m == null);
    if (common != null) {
      return common;
    }
    String ending = refuseWhenEnding("paused");
    if (ending != null) {
      return ending;
    }
    if (operator.paused()) {
      return "the release is already paused (by " + operator.pausedBy() + "); send resume to continue";
    }
    return null;
  }

  /** The status says paused at once; the release holds before its next step, whenever that comes. */
  Supplier<Boolean> pause(PauseMessage m) {
    operator.pause(m.by());
    state.paused(true);
    state.decided(m.by(), "paused" + (blank(m.reason()) ? "" : ": " + m.reason()));
    return () -> true;
  }

  String refuseResume(ResumeMessage m) {
    String common = refuseCommon(m == null ? null : m.by(), m == null);
    if (common != null) {
      return common;
    }
    if (!operator.paused()) {
      return "the release is not paused";
    }
    return null;
  }

  Supplier<Boolean> resume(ResumeMessage m) {
    operator.resume();
    state.paused(false);
    state.decided(m.by(), "resumed");
    return () -> !operator.heldByPause();
  }

  // ---- promote -------------------------------------------------------------------------------

  String refusePromote(PromoteMessage m) {
    String common = refuseCommon(m == null ? null : m.by(), m == null);
    if (common != null) {
      return common;
    }
    Phase phase = state.phase();
    if (phase != Phase.PRODUCTION_ROLLOUT && phase != Phase.STABILITY) {
      return "nothing to promote in phase " + phase.json()
          + ": promote skips a rollout pause or analysis, an analysis decision or the stability window";
    }
    if (operator.rollbackRequested()) {
      return "a rollback is under way; promote no longer applies";
    }
    if (operator.hold() == Operator.Hold.DEPLOY_WINDOW) {
      return "promote does not skip a deploy window or freeze (" + operator.holdReason() + ")";
    }
    if (operator.promotePending() && (!m.full() || operator.promoteFull())) {
      return "a promotion by " + operator.promotedBy() + " is already pending";
    }
    return null;
  }

  /**
   * Promotes; as in Argo Rollouts, promoting a paused release also resumes it. The release has
   * acted on it once the wait it skips took the promotion; when the release is not in such a wait
   * (it deploys, say), the promotion waits for the next one and the update answers at once.
   */
  Supplier<Boolean> promote(PromoteMessage m) {
    boolean wasPaused = operator.paused();
    if (wasPaused) {
      operator.resume();
      state.paused(false);
    }
    operator.promote(m.by(), m.full());
    state.decided(m.by(), (m.full() ? "promoted fully: remaining rollout steps skipped" : "promoted: current wait skipped")
        + (wasPaused ? "; the paused release resumes" : ""));
    return () -> !operator.heldByPause()
        && (!operator.promotePending() || operator.hold() == Operator.Hold.NONE);
  }

  // ---- shared --------------------------------------------------------------------------------

  private String refuseCommon(String by, boolean missing) {
    if (missing) {
      return "a message is required: one JSON object such as {\"by\":\"bob\"}";
    }
    if (blank(by)) {
      return "by: is required; say who sends this message, e.g. {\"by\":\"bob\"}";
    }
    return null;
  }

  private String refuseWhenEnding(String verb) {
    if (state.outcome() != null || state.phase() == Phase.COMPLETION) {
      return "the release is completing or complete (" + describeEnd() + ") and cannot be " + verb;
    }
    if (state.phase() == Phase.ROLLBACK || operator.rollbackRequested()) {
      return "the release is rolling back and cannot be " + verb;
    }
    return null;
  }

  private String describeEnd() {
    return state.outcome() == null ? "phase completion" : "outcome " + state.outcome().json();
  }

  /** The gate a message is for: the named one, or the one waiting now. */
  private ApprovalGate targetGate(String name) {
    return blank(name) ? state.waitingGate() : state.gate(name);
  }

  private String noGate(String name) {
    if (blank(name)) {
      return "no gate is waiting for a decision now (phase " + state.phase().json()
          + "); approvals and rejections are accepted only while a gate waits";
    }
    ApprovalGate waiting = state.waitingGate();
    return "gate '" + name + "' is not waiting now (phase " + state.phase().json() + ")"
        + (waiting == null ? "" : "; the gate waiting now is '" + waiting.name() + "'");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
