package dev.deployflow.model;

import java.util.List;

/**
 * What a release would do, computed on the worker from the same validated pipeline and plan a
 * release uses, without deploying anything: the answer of {@code deployflow plan} and of
 * {@code GET /api/releases/{app}/plan}. Lists are never null.
 *
 * @param plannedAt the instant the windows and freezes were judged at (ISO-8601)
 * @param components the components in deploy order (a rollback runs them in reverse)
 * @param environments the environments in deploy order: the pre-production stages, then the
 *     production waves in order
 * @param gates the gates people must pass, with their approvers (one per gated wave)
 * @param rollout the first production wave's rollout steps, always ending at 100% (each wave's
 *     steps are in {@code steps})
 * @param holds the deploy window and freezes of each environment that has any, judged now
 * @param steps every planned step in the order the release takes them
 * @param diff the version each component runs now in each environment and the candidate
 * @param minimumDuration the least time the release takes when nothing waits for a person:
 *     rollout pauses, analysis measurements and the stability window, as {@code 1h30m}
 * @param minimumSeconds the same in seconds, for scripts
 * @param summary one line a person reads, also carried by every approval request
 */
public record PlanPreview(
    String application,
    String version,
    String pipeline,
    ReleaseKind kind,
    String plannedAt,
    List<String> components,
    List<PlannedEnvironment> environments,
    List<PlannedGate> gates,
    List<PlannedRolloutStep> rollout,
    List<PlannedHold> holds,
    List<PlannedStep> steps,
    List<VersionChange> diff,
    String minimumDuration,
    long minimumSeconds,
    String summary) {

  /** Copies the lists so that a preview never changes; null lists become empty. */
  public PlanPreview {
    components = copy(components);
    environments = copy(environments);
    gates = copy(gates);
    rollout = copy(rollout);
    holds = copy(holds);
    steps = copy(steps);
    diff = copy(diff);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /**
   * One environment of the release.
   *
   * @param production whether it is a production wave (rolled out in steps)
   * @param smokeTests the names of its smoke tests, in the order they run
   * @param stability the wave's stability window ({@code 10s, error-rate every 2s}), or null
   * @param wave the wave's number (1 for the first production environment), null for pre-production
   * @param followsApprovalOf for a wave without its own approval gate after a gated first wave: the
   *     environment whose approval it follows (no second wait); null otherwise
   */
  public record PlannedEnvironment(String name, boolean production, List<String> smokeTests, String stability,
      Integer wave, String followsApprovalOf) {
    public PlannedEnvironment {
      smokeTests = smokeTests == null ? List.of() : List.copyOf(smokeTests);
    }

    /** An environment as a preview without waves describes it: production is wave 1. */
    public PlannedEnvironment(String name, boolean production, List<String> smokeTests, String stability) {
      this(name, production, smokeTests, stability, production ? 1 : null, null);
    }
  }

  /** A gate: its kind, environment, who may pass it, how many must, and how long it waits. */
  public record PlannedGate(
      String environment, GateKind kind, List<String> approvers, int required, String timeout, boolean selfApproval) {
    public PlannedGate {
      approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
  }

  /** One rollout step: the weight, the pause after the deploy, and the analyses that judge it. */
  public record PlannedRolloutStep(int weight, String pause, List<PlannedAnalysis> analyses) {
    public PlannedRolloutStep {
      analyses = analyses == null ? List.of() : List.copyOf(analyses);
    }
  }

  /**
   * An analysis as the step runs it: the bounds that fail a measurement, and how many
   * measurements are taken how often and tolerated.
   */
  public record PlannedAnalysis(
      String metric, Double max, Double min, String maxIncrease, int count, String interval, int failureLimit) {}

  /**
   * A deploy window or freeze of an environment, judged at {@link PlanPreview#plannedAt}.
   *
   * @param open whether a deploy could start now
   * @param opensAt when it could start: now when open, null when no opening was found
   * @param reason why, as the release would say it
   */
  public record PlannedHold(String environment, boolean open, String opensAt, String reason) {}

  /**
   * One step of the release.
   *
   * @param component the component deployed, or null for steps of the whole environment
   * @param weight the weight deployed, or null for steps that deploy nothing
   * @param detail a person's description: {@code deploy api 1.2.0 to production at 10%}
   */
  public record PlannedStep(PlanStepKind kind, String environment, String component, Integer weight, String detail) {}

  /**
   * What a release changes in one environment for one component.
   *
   * @param live the version running now, or null when none is known (no probe, or not deployed)
   */
  public record VersionChange(String component, String environment, String live, String candidate) {

    /** {@code api: 1.1.0 → 1.2.0 in production}. */
    public String describe() {
      return component + ": " + (live == null ? "(none)" : live) + " → " + candidate + " in " + environment;
    }
  }
}
