package dev.deployflow.model;

import java.util.Locale;

/** What happens to a release that may move it to another phase (the release workflow's state machine). */
public enum ReleaseEvent {
  /** Gate 1 passed: the pipeline is valid, the artifacts are built and verified, config is present. */
  PREPARED,
  /** Every pre-production stage is deployed and smoke-tested (or there is none). */
  STAGED,
  /** The approval gate has its approvals (or production has no gate). */
  APPROVED,
  /** Production runs the candidate at 100%. */
  ROLLED_OUT,
  /** Production's smoke tests passed (gate 3). */
  VERIFIED,
  /** The stability window passed without a breach (gate 4). */
  STABLE,
  /** A production wave passed its stability window and the next wave follows (its approval first). */
  WAVE_STABLE,
  /** A gate or checkpoint failed: a build, an artifact, a smoke test, an analysis, a breach. */
  GATE_FAILED,
  /** A person rejected the approval gate, or nobody approved it before its deadline. */
  REJECTED,
  /** A person asked for a rollback, or the workflow was cancelled. */
  ROLLBACK_REQUESTED,
  /** The rollback has run. */
  ROLLED_BACK;

  /** The event as it appears in the timeline: lower-case words. */
  public String words() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
