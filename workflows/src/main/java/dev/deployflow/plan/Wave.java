package dev.deployflow.plan;

import dev.deployflow.pipeline.ApprovalSpec;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.RolloutStep;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One production wave of a release: a production environment with the rollout it takes.
 *
 * @param number 1 for the first wave, in pipeline order
 * @param environment the production environment
 * @param rollout its rollout steps: the hotfix's own for a hotfix when the pipeline gives them,
 *     else the environment's, else a single step at 100%; always ending at 100%
 * @param approval the gate this wave opens before its rollout, or null when it opens none: a wave
 *     without its own approval follows the first wave's (no second wait)
 * @param followsApprovalOf the environment whose approval this wave follows instead of its own,
 *     or null when it has its own gate or no wave before it has one
 */
public record Wave(int number, Environment environment, List<RolloutStep> rollout, ApprovalSpec approval,
    String followsApprovalOf) {

  public Wave {
    rollout = List.copyOf(rollout);
  }

  /** The environment's name. */
  public String name() {
    return environment.name();
  }

  /**
   * The names of the analyses this wave runs (its rollout steps, then its stability window), each
   * once, in the order they are first used; the release measures the baselines of those that need
   * one before the wave is touched.
   */
  public List<String> analysisNames() {
    Set<String> names = new LinkedHashSet<>();
    for (RolloutStep step : rollout) {
      if (step.analysis() != null) {
        names.addAll(step.analysis());
      }
    }
    if (environment.stability() != null && environment.stability().analysis() != null) {
      names.addAll(environment.stability().analysis());
    }
    return List.copyOf(names);
  }
}
