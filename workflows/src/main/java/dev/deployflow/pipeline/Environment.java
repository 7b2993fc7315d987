package dev.deployflow.pipeline;

import java.util.List;

/**
 * A target environment. An environment with {@code approval} is gated by people; one with
 * {@code rollout} steps is rolled out in weights; {@code stability} holds a watched window after
 * the rollout. {@code onFailure} says what a failed deploy, migration, smoke test or analysis in
 * it does: {@code rollback} (the default) rolls back at once, {@code ask} holds the release at a
 * {@code decision} gate until someone retries, skips or rolls back, at most {@code decisionTimeout}
 * (default 30m), after which it rolls back.
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
    String decisionTimeout) {

  /** {@code onFailure: ask}: a failure waits for a person's decision. */
  public static final String ASK = "ask";
  /** {@code onFailure: rollback}, the default: a failure rolls back at once. */
  public static final String ROLLBACK = "rollback";
  /** The {@code decisionTimeout} when the pipeline gives none. */
  public static final String DEFAULT_DECISION_TIMEOUT = "30m";

  /** An environment that rolls back on failure, as every environment did before guided failure. */
  public Environment(String name, List<String> requiredConfig, List<SmokeTest> smokeTests, ApprovalSpec approval,
      WindowSpec window, List<FreezeSpec> freezes, List<RolloutStep> rollout, StabilitySpec stability) {
    this(name, requiredConfig, smokeTests, approval, window, freezes, rollout, stability, null, null);
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
