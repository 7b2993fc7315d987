package dev.deployflow.pipeline;

import java.util.List;

/**
 * What {@code kind: hotfix} changes: whether staging is skipped, and the production rollout steps
 * that replace the environment's own.
 */
public record HotfixSpec(Boolean skipStaging, List<RolloutStep> rollout) {

  /** Whether a hotfix skips staging, false by default. */
  public boolean stagingSkipped() {
    return Boolean.TRUE.equals(skipStaging);
  }
}
