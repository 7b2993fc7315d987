package dev.deployflow.pipeline;

import java.util.List;

/**
 * A target environment. An environment with {@code approval} is gated by people; one with
 * {@code rollout} steps is rolled out in weights; {@code stability} holds a watched window after
 * the rollout.
 */
public record Environment(
    String name,
    List<String> requiredConfig,
    List<SmokeTest> smokeTests,
    ApprovalSpec approval,
    WindowSpec window,
    List<FreezeSpec> freezes,
    List<RolloutStep> rollout,
    StabilitySpec stability) {}
