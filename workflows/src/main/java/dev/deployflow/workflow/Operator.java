package dev.deployflow.workflow;

import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;

/**
 * What operators asked for and the release has not finished acting on: a pause, a promotion, a
 * rollback. A rollback cancels the scope the release's forward work runs in, which interrupts
 * whatever activity, timer or child runs now; the release then rolls back.
 */
final class Operator {

  /** The kind of wait the release is in now, which decides what {@code promote} does. */
  enum Hold {
    NONE,
    DEPLOY_WINDOW,
    ROLLOUT_PAUSE,
    ANALYSIS,
    DECISION,
    STABILITY
  }

  private CancellationScope forward;
  private RollbackMessage rollback;
  /** The latest accepted request to raise the level of the rollback under way, or null. */
  private RollbackMessage raised;
  private boolean cancelled;
  private boolean paused;
  private String pausedBy;
  private boolean heldByPause;
  private boolean promotePending;
  private boolean promoteFull;
  /** A full promotion for every wave: it outlives the phase it was sent in, until the last wave. */
  private boolean promoteAllWaves;
  private String promotedBy;
  private Hold hold = Hold.NONE;
  private String holdReason;
  /**
   * The forward steps that change something outside and run now ({@code deploy of api}), in the
   * order they started: one, or several while the components of a layer deploy at the same time.
   */
  private final java.util.List<String> runningSteps = new java.util.ArrayList<>();
  /** The decision a failed step waits for under {@code onFailure: ask} (guided failure). */
  private final FailureDecision decision = new FailureDecision();

  FailureDecision decision() {
    return decision;
  }

  /**
   * The scope a rollback interrupts. A rollback that arrived before the scope existed (with the
   * start, or in the first workflow task, whose messages are handled before the main method runs)
   * cancels it at once, so that the release rolls back instead of going forward.
   */
  void interrupts(CancellationScope forward) {
    this.forward = forward;
    if (forward != null && rollback != null) {
      forward.cancel("rollback requested by " + rollback.by() + " before the release started");
    }
  }

  void requestRollback(RollbackMessage message) {
    this.rollback = message;
    if (forward != null) {
      forward.cancel("rollback requested by " + message.by());
    }
  }

  /** Records that Temporal cancelled the workflow: it rolls back like {@code code} and ends aborted. */
  void cancelledByTemporal() {
    if (rollback == null) {
      cancelled = true;
      rollback = new RollbackMessage("temporal", "the workflow was cancelled", RollbackLevel.CODE);
    }
  }

  /**
   * Records a request to raise the level of the rollback under way (requested, automatic or after
   * a Temporal cancellation). Nothing is cancelled: the forward work has stopped already, and the
   * running level's compensations finish before the higher level's extra work starts.
   */
  void raiseRollback(RollbackMessage message) {
    this.raised = message;
  }

  /** The latest accepted raise of the rollback under way, or null. */
  RollbackMessage raisedRollback() {
    return raised;
  }

  boolean rollbackRequested() {
    return rollback != null;
  }

  RollbackMessage rollback() {
    return rollback;
  }

  boolean cancelled() {
    return cancelled;
  }

  void pause(String by) {
    paused = true;
    pausedBy = by;
  }

  void resume() {
    paused = false;
    pausedBy = null;
  }

  boolean paused() {
    return paused;
  }

  String pausedBy() {
    return pausedBy;
  }

  /**
   * Holds the release here while it is paused; a rollback still interrupts the hold.
   *
   * @return whether it held, so that a caller can check again what time may have changed (a deploy
   *     window closed, a freeze placed)
   */
  boolean holdIfPaused() {
    if (!paused) {
      return false;
    }
    heldByPause = true;
    try {
      Workflow.await(() -> !paused);
    } finally {
      heldByPause = false;
    }
    return true;
  }

  /**
   * Whether the release is held by a pause right now: a {@code resume} (or a {@code promote}) lets
   * it continue, and its update answers once it has.
   */
  boolean heldByPause() {
    return heldByPause;
  }

  void promote(String by, boolean full, boolean allWaves) {
    promotePending = true;
    promoteFull = promoteFull || full || allWaves;
    promoteAllWaves = promoteAllWaves || allWaves;
    promotedBy = by;
  }

  boolean promotePending() {
    return promotePending;
  }

  /** Consumes a pending promotion: it skips one wait. Returns who promoted, or null. */
  String takePromotion() {
    if (!promotePending) {
      return null;
    }
    promotePending = false;
    return promotedBy;
  }

  /** Whether the remaining rollout steps are skipped: of this wave, or of every wave. */
  boolean promoteFull() {
    return promoteFull || promoteAllWaves;
  }

  /** Whether someone promoted fully for every wave ({@code promote --full --all-waves}). */
  boolean promoteAllWaves() {
    return promoteAllWaves;
  }

  String promotedBy() {
    return promotedBy;
  }

  /**
   * Forgets a promotion nothing used: a promotion is for the phase it was sent in, and a full one
   * for the wave it was sent in; only {@code allWaves} stays, for the later waves.
   */
  void clearPromotion() {
    promotePending = false;
    promoteFull = false;
  }

  /** A step that a rollback must let end before it compensates starts ({@code deploy of api}). */
  void stepStarted(String step) {
    runningSteps.add(step);
  }

  /** The step ended (done, failed or cancelled); the others that run at the same time go on. */
  void stepEnded(String step) {
    runningSteps.remove(step);
  }

  /**
   * The running steps a rollback waits for, as a person reads them ({@code deploy of api}, or
   * {@code deploy of web and deploy of worker}), or null when none runs: their cancellation is
   * waited for (the HTTP calls answer, the processes are reaped) before the first compensation runs.
   */
  String runningStep() {
    return runningSteps.isEmpty() ? null : Deployments.inWords(runningSteps);
  }

  Hold hold() {
    return hold;
  }

  String holdReason() {
    return holdReason;
  }

  void hold(Hold kind, String reason) {
    this.hold = kind;
    this.holdReason = reason;
  }

  void release() {
    hold(Hold.NONE, null);
  }
}
