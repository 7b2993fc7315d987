package dev.deployflow.model;

/** Skips the current wait; with {@code full}, skips every remaining rollout step as well. */
public record PromoteMessage(String by, boolean full) {}
