package dev.deployflow.model;

/**
 * The result of {@code DeploymentWorkflow}. A release that ended in rollback, rejection or abort
 * still completes normally and says so in {@code outcome}. Timestamps are ISO-8601 strings.
 */
public record ReleaseResult(
    String application,
    String version,
    Outcome outcome,
    String previousVersion,
    String summary,
    String startedAt,
    String finishedAt) {}
