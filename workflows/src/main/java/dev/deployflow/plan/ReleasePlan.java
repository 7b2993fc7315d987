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
 * production environments are the waves ({@link Wave}): those that say {@code role: production},
 * or the LAST environment when none says a role. Every environment before the first wave is a
 * pre-production stage, deployed at 100% and smoke-tested, in pipeline order.
 *
 * @param components the components in deploy order: pipeline order, or with {@code dependsOn} the
 *     dependency order of {@link #layers} (a rollback runs in reverse)
 * @param stages the pre-production environments in deploy order; empty for a hotfix when the
 *     pipeline says {@code hotfix.skipStaging: true}
 * @param production the first wave's environment
 * @param rollout the first wave's rollout steps (see {@link Wave#rollout})
 * @param approval the first wave's approval gate, or null when it has none
 * @param requiresRollbackPlan whether the request must name a rollback plan
 * @param waves the production waves in rollout order, the first one being {@code production}
 */
public record ReleasePlan(
    List<Component> components,
    List<Environment> stages,
    Environment production,
    List<RolloutStep> rollout,
    ApprovalSpec approval,
    boolean requiresRollbackPlan,
    List<Wave> waves) {

  /** The step used when neither production nor the hotfix defines a rollout. */
  public static final RolloutStep FULL_ROLLOUT = new RolloutStep(100, null, List.of());

  /** Copies the lists so that a plan never changes after it is made. */
  public ReleasePlan {
    components = List.copyOf(components);
    stages = List.copyOf(stages);
    rollout = List.copyOf(rollout);
    // A plan recorded before waves existed has none: its production is the one wave.
    waves = waves != null ? List.copyOf(waves)
        : production == null ? List.of() : List.of(new Wave(1, production, rollout, approval, null));
  }

  /** A plan with one production wave, {@code production}. */
  public ReleasePlan(List<Component> components, List<Environment> stages, Environment production,
      List<RolloutStep> rollout, ApprovalSpec approval, boolean requiresRollbackPlan) {
    this(components, stages, production, rollout, approval, requiresRollbackPlan, null);
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
    List<Integer> productionIndexes = Environment.productionIndexes(environments);
    int first = productionIndexes.get(0);
    List<Environment> stages =
        fastTrack != null && fastTrack.stagingSkipped()
            ? List.of()
            : environments.subList(0, first);
    List<Wave> waves = new ArrayList<>();
    for (int index : productionIndexes) {
      Environment environment = environments.get(index);
      List<RolloutStep> steps;
      if (fastTrack != null && fastTrack.rollout() != null && !fastTrack.rollout().isEmpty()) {
        steps = fastTrack.rollout();
      } else if (environment.rollout() != null && !environment.rollout().isEmpty()) {
        steps = environment.rollout();
      } else {
        steps = List.of(FULL_ROLLOUT);
      }
      String follows = null;
      if (environment.approval() == null && !waves.isEmpty() && waves.get(0).approval() != null) {
        follows = waves.get(0).name();
      }
      waves.add(new Wave(waves.size() + 1, environment, endingAtFull(steps), environment.approval(), follows));
    }
    Wave firstWave = waves.get(0);
    return new ReleasePlan(
        ComponentGraph.ordered(pipeline.components()),
        stages,
        firstWave.environment(),
        firstWave.rollout(),
        firstWave.approval(),
        pipeline.rollbackPlanRequired(),
        waves);
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

  /** Every environment the release deploys to, in deploy order: the stages, then the waves. */
  public List<Environment> allEnvironments() {
    List<Environment> all = new ArrayList<>(stages);
    waves.forEach(w -> all.add(w.environment()));
    return List.copyOf(all);
  }

  /**
   * The names of the analyses this release runs (every wave's rollout steps and stability window),
   * each once, in the order they are first used.
   */
  public List<String> analysisNames() {
    Set<String> names = new LinkedHashSet<>();
    waves.forEach(w -> names.addAll(w.analysisNames()));
    return List.copyOf(names);
  }

  /** The wave that rolls out to the environment, or null when it is no production environment. */
  public Wave wave(String environment) {
    for (Wave wave : waves) {
      if (wave.name().equals(environment)) {
        return wave;
      }
    }
    return null;
  }

  /** Whether the first wave has an approval gate. */
  public boolean gated() {
    return approval != null;
  }
}
