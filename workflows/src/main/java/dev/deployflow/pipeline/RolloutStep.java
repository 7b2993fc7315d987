package dev.deployflow.pipeline;

import java.util.List;

/**
 * One rollout step: send {@code weight} percent of traffic to the candidate, wait {@code pause},
 * and run the named analyses. Weights must increase from step to step.
 */
public record RolloutStep(Integer weight, String pause, List<String> analysis) {}
