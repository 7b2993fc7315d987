package dev.deployflow.workflow;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.OperatorMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.SkipMessage;
import dev.deployflow.pipeline.Permissions.Action;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Every {@code refuse…} method checks in the same order: the message's input rules (each
 * problem names its field), then whether its sender may send it ({@link Authority}), then what
 * the release's state allows. Signals that arrive before the pipeline is loaded, when nobody can
 * be checked yet, are kept (at most {@value #MAX_EARLY_SIGNALS}) and judged in the order they
 * came as soon as it is loaded ({@link #judgeEarlySignals}).
 */
final class OperatorMessages {
  /** How many signals are kept while the pipeline loads; more are refused at once. */
  static final int MAX_EARLY_SIGNALS = 100;

  private final ReleaseState state;
  private final Operator operator;
  private final Authority authority;
  private final List<Runnable> earlySignals = new ArrayList<>();

  OperatorMessages(ReleaseState state, Operator operator, Authority authority) {
    this.state = state;
    this.operator = operator;
    this.authority = authority;
  }

  // ---- signals -------------------------------------------------------------------------------

  /**
   * Handles a signal: a refused one is listed in {@code status.rejectedMessages} and never fails
   * the release. Input problems are refused at once; a well-formed signal that arrives before the
   * pipeline is loaded is kept and judged once it is.
   */
  void signal(String name, OperatorMessage m, Supplier<String> refusal, Runnable apply) {
    judgeEarlySignals();
    String by = m == null ? null : m.by();
    if (m == null || !m.problems().isEmpty() || authority.known()) {
      judge(name, by, refusal, apply);
    } else if (earlySignals.size() >= MAX_EARLY_SIGNALS) {
      state.rejectMessage(name, by, "more than " + MAX_EARLY_SIGNALS + " messages arrived before the release loaded"
          + " its pipeline; send it again once the release runs");
    } else {
      earlySignals.add(() -> judge(name, by, refusal, apply));
    }
  }

  /** Whether senders can be checked: the pipeline is loaded. */
  boolean sendersKnown() {
    return authority.known();
  }

  /** Judges, in the order they arrived, the signals kept while the pipeline loaded; nothing before that. */
  void judgeEarlySignals() {
    if (!authority.known() || earlySignals.isEmpty()) {
      return;
    }
    List<Runnable> waiting = new ArrayList<>(earlySignals);
    earlySignals.clear();
    waiting.forEach(Runnable::run);
  }

  /** Where the loaded pipeline is found, for the senders' checks. */
  void pipelineFrom(Supplier<dev.deployflow.pipeline.Pipeline> source) {
    authority.pipelineFrom(source);
  }

  private void judge(String name, String by, Supplier<String> refusal, Runnable apply) {
    String refused = refusal.get();
    if (refused != null) {
      state.rejectMessage(name, by, refused);
      return;
    }
    apply.run();
  }

  // ---- approve -------------------------------------------------------------------------------

  String refuseApprove(ApproveMessage m) {
    String sender = refuseSender(m, Action.APPROVE, "approve");
    return sender != null ? sender : refuseAtGate(m.gate(), gate -> gate.refuseApproval(m));
  }

  /** The refusal shared by approve and reject once the sender passed: the gate, then the gate's own rules. */
  private String refuseAtGate(String gateName, Function<ApprovalGate, String> rules) {
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
    String sender = refuseSender(m, Action.REJECT, "reject");
    return sender != null ? sender : refuseAtGate(m.gate(), gate -> gate.refuseRejection(m));
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

  /**
   * A rollback is refused once the release completes, and while a rollback runs unless it raises
   * the level under way (config &lt; code &lt; full, see {@link Rollback}): a higher level is
   * carried out after the running one, a lower or equal one changes nothing.
   */
  String refuseRollback(RollbackMessage m) {
    String sender = refuseSender(m, Action.ROLLBACK, "roll back");
    if (sender != null) {
      return sender;
    }
    if (state.outcome() != null || state.phase() == Phase.COMPLETION) {
      return "the release is completing or complete (" + describeEnd() + "); a rollback is no longer possible";
    }
    RollbackLevel underWay = levelUnderWay();
    if (underWay != null && m.effectiveLevel().compareTo(underWay) <= 0) {
      return "a rollback at level " + underWay.json() + " is already under way (" + whoseRollback() + ")"
          + (underWay == RollbackLevel.FULL ? "" : "; only a higher level can be asked for now");
    }
    return null;
  }

  /** The level of the rollback under way (raised, requested or automatic), or null when none is. */
  private RollbackLevel levelUnderWay() {
    if (operator.raisedRollback() != null) {
      return operator.raisedRollback().effectiveLevel();
    }
    if (operator.rollbackRequested()) {
      return operator.rollback().effectiveLevel();
    }
    // An automatic rollback runs at level code (CONTRACT.md).
    return state.phase() == Phase.ROLLBACK ? RollbackLevel.CODE : null;
  }

  private String whoseRollback() {
    if (operator.raisedRollback() != null) {
      return "raised by " + operator.raisedRollback().by();
    }
    if (operator.rollbackRequested()) {
      return "requested by " + operator.rollback().by();
    }
    // An automatic rollback: nobody requested it, the failure that caused it says why.
    List<String> failures = state.failures();
    return "automatic: " + (failures.isEmpty() ? "a gate failed" : failures.get(failures.size() - 1));
  }

  Supplier<Boolean> rollback(RollbackMessage m) {
    String reason = blank(m.reason()) ? "no reason given" : m.reason();
    RollbackLevel underWay = levelUnderWay();
    if (underWay != null) {
      // Accepted only when higher (see refuseRollback): recorded now, carried out once the running
      // level's compensations have finished, so the update answers at once.
      state.decided(m.by(), "rollback raised from " + underWay.json() + " to " + m.effectiveLevel().json()
          + ": " + reason);
      operator.raiseRollback(m);
      return () -> true;
    }
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
    String sender = refuseSender(m, Action.PAUSE, "pause");
    if (sender != null) {
      return sender;
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
    String sender = refuseSender(m, Action.RESUME, "resume");
    if (sender != null) {
      return sender;
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
    String sender = refuseSender(m, Action.PROMOTE, m != null && m.full() ? "promote (full)" : "promote");
    if (sender != null) {
      return sender;
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
    if (operator.decision().waiting()) {
      return "promote does not answer a failed step: the failed " + operator.decision().step() + " waits for "
          + (operator.decision().skippable() ? "retry, skip or rollback" : "retry or rollback");
    }
    boolean addsSomething = (m.full() && !operator.promoteFull()) || (m.allWaves() && !operator.promoteAllWaves());
    if (operator.promotePending() && !addsSomething) {
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
    operator.promote(m.by(), m.full(), m.allWaves());
    state.decided(m.by(), (m.allWaves() ? "promoted fully for every wave: remaining rollout steps of every wave skipped"
        : m.full() ? "promoted fully: remaining rollout steps skipped" : "promoted: current wait skipped")
        + (wasPaused ? "; the paused release resumes" : ""));
    return () -> !operator.heldByPause()
        && (!operator.promotePending() || operator.hold() == Operator.Hold.NONE);
  }

  // ---- retry / skip (guided failure) ---------------------------------------------------------

  String refuseRetry(RetryMessage m) {
    String sender = refuseSender(m, Action.RETRY, "retry");
    return sender != null ? sender : refuseWithoutDecision("retry");
  }

  /** Runs the failed step again: the release takes the choice as soon as its decision wait sees it. */
  Supplier<Boolean> retry(RetryMessage m) {
    FailureDecision decision = operator.decision();
    state.decided(m.by(), "retry of the failed " + decision.step());
    decision.choose(FailureDecision.Choice.RETRY, m.by(), null);
    return () -> !decision.chosen();
  }

  String refuseSkip(SkipMessage m) {
    String sender = refuseSender(m, Action.SKIP, "skip");
    if (sender != null) {
      return sender;
    }
    String none = refuseWithoutDecision("skip");
    if (none != null) {
      return none;
    }
    FailureDecision decision = operator.decision();
    if (!decision.skippable()) {
      return "the failed " + decision.step() + " cannot be skipped: only a failed smoke test or analysis may be"
          + " skipped, because a deploy or migration that did not run leaves the environment without the candidate;"
          + " send retry or rollback";
    }
    return null;
  }

  /** Goes on past the failed smoke test or analysis; recorded in the timeline, the release log and the post-mortem. */
  Supplier<Boolean> skip(SkipMessage m) {
    FailureDecision decision = operator.decision();
    state.decided(m.by(), "skipped the failed " + decision.step() + ": " + m.reason());
    decision.choose(FailureDecision.Choice.SKIP, m.by(), m.reason());
    return () -> !decision.chosen();
  }

  /** The refusal of a retry or skip when no decision gate waits (or one was already chosen). */
  private String refuseWithoutDecision(String what) {
    FailureDecision decision = operator.decision();
    if (decision.waiting()) {
      return null;
    }
    if (decision.chosen()) {
      return "the decision about the failed " + decision.step() + " was already taken (" + decision.choice().name()
          .toLowerCase(java.util.Locale.ROOT) + " by " + decision.by() + ")";
    }
    return "no decision gate is waiting now (phase " + state.phase().json() + "); " + what
        + " applies only after a failed step in an environment with onFailure: ask";
  }

  // ---- shared --------------------------------------------------------------------------------

  /**
   * The first two checks of every message, before anything about the release's state: its input
   * rules (every problem, each naming its field), then its sender's authority.
   */
  private String refuseSender(OperatorMessage m, Action action, String what) {
    if (m == null) {
      return "a message is required: one JSON object such as {\"by\":\"bob\"}";
    }
    List<String> problems = m.problems();
    if (!problems.isEmpty()) {
      return String.join("; ", problems);
    }
    return authority.refuse(action, m.by(), what);
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
    return "gate " + dev.deployflow.model.InputRules.quote(name) + " is not waiting now (phase " + state.phase().json() + ")"
        + (waiting == null ? "" : "; the gate waiting now is '" + waiting.name() + "'");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
