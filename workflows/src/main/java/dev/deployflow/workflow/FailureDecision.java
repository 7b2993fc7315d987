package dev.deployflow.workflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision a failed step waits for (guided failure, {@code onFailure: ask}): which gate
 * waits, which step failed and whether it may be skipped, and what an operator chose. The
 * release's main code opens it and waits ({@link GuidedFailure}); the message handlers read it to
 * refuse or accept {@code retry} and {@code skip} ({@link OperatorMessages}) and record the choice
 * here, so that the main code acts on it in the same workflow task.
 */
final class FailureDecision {

  /** What an operator chose at the decision gate; a rollback goes through the rollback message. */
  enum Choice {
    RETRY,
    SKIP
  }

  private ApprovalGate gate;
  private String step;
  private boolean skippable;
  private Choice choice;
  private String by;
  private String reason;
  private final List<String> skipped = new ArrayList<>();

  /** Opens the decision for a failed step. */
  void open(ApprovalGate gate, String step, boolean skippable) {
    this.gate = gate;
    this.step = step;
    this.skippable = skippable;
    this.choice = null;
    this.by = null;
    this.reason = null;
  }

  /** Whether a decision gate waits for a choice now. */
  boolean waiting() {
    return gate != null && gate.isWaiting() && choice == null;
  }

  /** Whether a choice was made and the main code has not yet taken it. */
  boolean chosen() {
    return choice != null;
  }

  ApprovalGate gate() {
    return gate;
  }

  String step() {
    return step;
  }

  boolean skippable() {
    return skippable;
  }

  void choose(Choice choice, String by, String reason) {
    this.choice = choice;
    this.by = by;
    this.reason = reason;
    if (choice == Choice.SKIP) {
      skipped.add(step + " skipped by " + by + ": " + reason);
    }
  }

  Choice choice() {
    return choice;
  }

  String by() {
    return by;
  }

  String reason() {
    return reason;
  }

  /** Ends the decision once the main code acted on it (or the deadline passed, or a rollback came). */
  void close() {
    gate = null;
    choice = null;
  }

  /** Every failed step a person skipped, as the post-mortem reads it. */
  List<String> skipped() {
    return List.copyOf(skipped);
  }
}
