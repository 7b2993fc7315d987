package dev.deployflow.model;

import java.util.List;

/**
 * One past (or running) release as Temporal's visibility store lists it: what {@code deployflow
 * history} and {@code GET /api/releases/{app}/history} show. Timestamps are ISO-8601 strings.
 *
 * @param outcome null while the release runs
 * @param finishedAt null while the release runs
 * @param durationSeconds from start to close, or to now while running
 * @param uiLink the run in the Temporal UI, or null when no UI address is known
 * @param committedAt the request's {@code committedAt}, when it had one
 * @param liveAt when the production rollout completed, if it did
 * @param failedAt when the failure that led to a rollback was seen, if one was
 * @param restoredAt when that rollback was done
 */
public record ReleaseHistoryEntry(
    String application,
    String version,
    Outcome outcome,
    String requestedBy,
    List<String> approvedBy,
    String startedAt,
    String finishedAt,
    long durationSeconds,
    String runId,
    String uiLink,
    String committedAt,
    String liveAt,
    String failedAt,
    String restoredAt) {}
