package dev.deployflow.pipeline;

import java.util.List;

/**
 * A target environment. An environment with {@code approval} is gated by people; one with
 * {@code rollout} steps is rolled out in weights; {@code stability} holds a watched window after
 * the rollout. {@code onFailure} says what a failed deploy, migration, smoke test or analysis in
 * it does: {@code rollback} (the default) rolls back at once, {@code ask} holds the release at a
 * {@code decision} gate until someone retries, skips or rolls back, at most {@code decisionTimeout}
 * (default 30m), after which it rolls back.
 *
 * <p>{@code role: production} makes the environment a production wave: every environment before
 * the first such one is pre-production, and the production ones roll out in pipeline order, each
 * with its own rollout, smoke tests, stability window and optional approval. A pipeline that
 * names no role has one production environment, its last one.
 */
public record Environment(
    String name,
    List<String> requiredConfig,
    List<SmokeTest> smokeTests,
    ApprovalSpec approval,
    WindowSpec window,
    List<FreezeSpec> freezes,
    List<RolloutStep> rollout,
    StabilitySpec stability,
    String onFailure,
    String decisionTimeout,
    String role) {

  /** {@code onFailure: ask}: a failure waits for a person's decision. */
  public static final String ASK = "ask";
  /** {@code onFailure: rollback}, the default: a failure rolls back at once. */
  public static final String ROLLBACK = "rollback";
  /** The {@code decisionTimeout} when the pipeline gives none. */
  public static final String DEFAULT_DECISION_TIMEOUT = "30m";
  /** {@code role: production}: the environment is a production wave. */
  public static final String PRODUCTION = "production";

  /** An environment without a role: production only when it is the last of a pipeline without roles. */
  public Environment(String name, List<String> requiredConfig, List<SmokeTest> smokeTests, ApprovalSpec approval,
      WindowSpec window, List<FreezeSpec> freezes, List<RolloutStep> rollout, StabilitySpec stability,
      String onFailure, String decisionTimeout) {
    this(name, requiredConfig, smokeTests, approval, window, freezes, rollout, stability, onFailure, decisionTimeout, null);
  }

  /** An environment that rolls back on failure, as every environment did before guided failure. */
  public Environment(String name, List<String> requiredConfig, List<SmokeTest> smokeTests, ApprovalSpec approval,
      WindowSpec window, List<FreezeSpec> freezes, List<RolloutStep> rollout, StabilitySpec stability) {
    this(name, requiredConfig, smokeTests, approval, window, freezes, rollout, stability, null, null, null);
  }

  /** Whether the environment says {@code role: production}. */
  public boolean saysProduction() {
    return PRODUCTION.equals(role);
  }

  /**
   * The indexes of a pipeline's production environments, in order: those that say
   * {@code role: production}, or the last one when none says a role. Pure, shared by the plan and
   * the validator so that both read the roles alike.
   */
  public static List<Integer> productionIndexes(List<Environment> environments) {
    List<Integer> indexes = new java.util.ArrayList<>();
    if (environments == null || environments.isEmpty()) {
      return indexes;
    }
    for (int i = 0; i < environments.size(); i++) {
      if (environments.get(i) != null && environments.get(i).role() != null) {
        for (int j = i; j < environments.size(); j++) {
          if (environments.get(j) != null && environments.get(j).saysProduction()) {
            indexes.add(j);
          }
        }
        return indexes;
      }
    }
    indexes.add(environments.size() - 1);
    return indexes;
  }

  /** Whether a failure here waits for a decision ({@code onFailure: ask}). */
  public boolean asksOnFailure() {
    return ASK.equals(onFailure);
  }

  /** How long a decision may take here, as written ({@code 30m} when not given). */
  public String decisionTimeoutOrDefault() {
    return decisionTimeout == null || decisionTimeout.isBlank() ? DEFAULT_DECISION_TIMEOUT : decisionTimeout;
  }
}
