package dev.deployflow.pipeline;

import java.util.List;

/** The watched window after a full rollout: how long, how often to measure, and what. */
public record StabilitySpec(String duration, String interval, List<String> analysis) {}
