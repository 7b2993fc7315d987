package dev.deployflow.plan;

import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.ApprovalSpec;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.ComponentGraph;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.HotfixSpec;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.RolloutStep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The steps one release takes, derived purely from its pipeline and request by {@link #of}. The
 * LAST environment of the pipeline is production; every earlier one is a pre-production stage,
 * deployed at 100% and smoke-tested, in pipeline order.
 *
 * @param components the components in deploy order: pipeline order, or with {@code dependsOn} the
 *     dependency order of {@link #layers} (a rollback runs in reverse)
 * @param stages the pre-production environments in deploy order; empty for a hotfix when the
 *     pipeline says {@code hotfix.skipStaging: true}
 * @param production the last environment
 * @param rollout production's rollout steps: the hotfix's own for a hotfix when the pipeline gives
 *     them, else production's, else a single step at 100%; always ending at 100%
 * @param approval production's approval gate, or null when production has none
 * @param requiresRollbackPlan whether the request must name a rollback plan
 */
public record ReleasePlan(
    List<Component> components,
    List<Environment> stages,
    Environment production,
    List<RolloutStep> rollout,
    ApprovalSpec approval,
    boolean requiresRollbackPlan) {

  /** The step used when neither production nor the hotfix defines a rollout. */
  public static final RolloutStep FULL_ROLLOUT = new RolloutStep(100, null, List.of());

  /** Copies the lists so that a plan never changes after it is made. */
  public ReleasePlan {
    components = List.copyOf(components);
    stages = List.copyOf(stages);
    rollout = List.copyOf(rollout);
  }

  /**
   * Plans a release.
   *
   * <p>A rollout whose last step is below 100% gets a final {@code {weight: 100}} step, as Argo
   * Rollouts promotes fully after its last step: a release that ends "succeeded" runs everywhere.
   * {@code requiresRollbackPlan} follows the pipeline's {@code requireRollbackPlan}.
   *
   * @param pipeline a pipeline that {@link dev.deployflow.pipeline.PipelineValidator} accepts
   * @param request the release request; its kind decides the hotfix fast track (standard when null)
   * @throws IllegalArgumentException when the pipeline has no environment
   */
  public static ReleasePlan of(Pipeline pipeline, ReleaseRequest request) {
    List<Environment> environments = pipeline.environments() == null ? List.of() : pipeline.environments();
    if (environments.isEmpty()) {
      throw new IllegalArgumentException("environments: the pipeline has no environment to deploy to");
    }
    boolean hotfix = request != null && request.kind() == ReleaseKind.HOTFIX;
    HotfixSpec fastTrack = hotfix ? pipeline.hotfix() : null;
    Environment production = environments.get(environments.size() - 1);
    List<Environment> stages =
        fastTrack != null && fastTrack.stagingSkipped()
            ? List.of()
            : environments.subList(0, environments.size() - 1);
    List<RolloutStep> steps;
    if (fastTrack != null && fastTrack.rollout() != null && !fastTrack.rollout().isEmpty()) {
      steps = fastTrack.rollout();
    } else if (production.rollout() != null && !production.rollout().isEmpty()) {
      steps = production.rollout();
    } else {
      steps = List.of(FULL_ROLLOUT);
    }
    return new ReleasePlan(
        ComponentGraph.ordered(pipeline.components()),
        stages,
        production,
        endingAtFull(steps),
        production.approval(),
        pipeline.rollbackPlanRequired());
  }

  private static List<RolloutStep> endingAtFull(List<RolloutStep> steps) {
    Integer last = steps.get(steps.size() - 1).weight();
    if (last != null && last >= 100) {
      return steps;
    }
    List<RolloutStep> extended = new ArrayList<>(steps);
    extended.add(FULL_ROLLOUT);
    return extended;
  }

  /**
   * The components in layers, in deploy order: the components of one layer deploy at the same time,
   * each layer after the one before (see {@link ComponentGraph}). Without {@code dependsOn} each
   * component is a layer of its own, in pipeline order.
   */
  public List<List<Component>> layers() {
    return ComponentGraph.layers(components);
  }

  /** Whether the pipeline's components form a graph ({@code dependsOn}), so some may deploy at the same time. */
  public boolean graph() {
    return ComponentGraph.declared(components);
  }

  /** Every environment the release deploys to, in deploy order: the stages, then production. */
  public List<Environment> allEnvironments() {
    List<Environment> all = new ArrayList<>(stages);
    all.add(production);
    return List.copyOf(all);
  }

  /**
   * The names of the analyses this release runs (rollout steps, then production's stability
   * window), each once, in the order they are first used. The workflow measures baselines for
   * those that need one before production is touched.
   */
  public List<String> analysisNames() {
    Set<String> names = new LinkedHashSet<>();
    for (RolloutStep step : rollout) {
      if (step.analysis() != null) {
        names.addAll(step.analysis());
      }
    }
    if (production.stability() != null && production.stability().analysis() != null) {
      names.addAll(production.stability().analysis());
    }
    return List.copyOf(names);
  }

  /** Whether production has an approval gate. */
  public boolean gated() {
    return approval != null;
  }
}
