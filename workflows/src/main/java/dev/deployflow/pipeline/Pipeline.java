package dev.deployflow.pipeline;

import java.util.List;
import java.util.Map;

/**
 * A release pipeline as written in {@code <name>.yaml}: the components to build and deploy in
 * order, the environments to deploy them to, the analyses that judge a rollout, notifications,
 * the configuration rollback and the hotfix fast track. Durations and sizes stay strings here
 * ({@code 10m}, {@code 300MB}) so that history shows them as written; {@link Durations} and
 * {@link Sizes} read them. {@link PipelineValidator} checks a whole pipeline.
 *
 * @param application the one application this pipeline serves; or, instead,
 * @param applications the applications that share it (see {@link ApplicationRules})
 * @param operators who may pause, resume, promote and roll back besides the production
 *     approvers; optional (see {@link Permissions})
 * @param releaseLog where the release's JSON record is sent at completion besides the file log;
 *     optional (see {@link ReleaseLogSink})
 */
public record Pipeline(
    String application,
    Boolean requireRollbackPlan,
    List<Component> components,
    List<Environment> environments,
    Map<String, AnalysisTemplate> analysis,
    List<NotificationTarget> notifications,
    RollbackSpec rollback,
    HotfixSpec hotfix,
    List<String> operators,
    List<String> applications,
    List<ReleaseLogSink> releaseLog) {

  /** A pipeline without release-log sinks. */
  public Pipeline(
      String application,
      Boolean requireRollbackPlan,
      List<Component> components,
      List<Environment> environments,
      Map<String, AnalysisTemplate> analysis,
      List<NotificationTarget> notifications,
      RollbackSpec rollback,
      HotfixSpec hotfix,
      List<String> operators,
      List<String> applications) {
    this(application, requireRollbackPlan, components, environments, analysis, notifications, rollback, hotfix,
        operators, applications, null);
  }

  /** A pipeline for one application, without operators. */
  public Pipeline(
      String application,
      Boolean requireRollbackPlan,
      List<Component> components,
      List<Environment> environments,
      Map<String, AnalysisTemplate> analysis,
      List<NotificationTarget> notifications,
      RollbackSpec rollback,
      HotfixSpec hotfix) {
    this(application, requireRollbackPlan, components, environments, analysis, notifications, rollback, hotfix,
        null, null);
  }

  /** Whether a release must name a rollback plan; off unless the pipeline says so. */
  public boolean rollbackPlanRequired() {
    return Boolean.TRUE.equals(requireRollbackPlan);
  }

  /** The environment with that name, or null. */
  public Environment environment(String name) {
    if (environments == null) {
      return null;
    }
    return environments.stream().filter(e -> name.equals(e.name())).findFirst().orElse(null);
  }

  /**
   * The first production environment (the first wave): the one that says {@code role: production}
   * first, else the last environment; null when there is none.
   */
  public Environment production() {
    List<Environment> waves = waves();
    return waves.isEmpty() ? null : waves.get(0);
  }

  /** The production environments (the waves) in rollout order; see {@link Environment#productionIndexes}. */
  public List<Environment> waves() {
    List<Environment> waves = new java.util.ArrayList<>();
    for (int i : Environment.productionIndexes(environments)) {
      waves.add(environments.get(i));
    }
    return waves;
  }
}
