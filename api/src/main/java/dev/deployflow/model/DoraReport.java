package dev.deployflow.model;

/**
 * The four DORA figures of one application over a window, computed from its releases in
 * Temporal's visibility store (see {@code dev.deployflow.client.Dora} for the definitions).
 *
 * @param deployments releases that reached an end in production: succeeded, rolled back or failed
 * @param succeeded succeeded releases, the deployments that count for the frequency
 * @param deploymentsPerDay succeeded releases per day of the window
 * @param leadTimeSeconds median of committedAt to live in production over succeeded releases that
 *     gave committedAt; null when none did
 * @param changeFailureRate rolled back or failed releases over deployments; null without deployments
 * @param timeToRestoreSeconds median of the failure to the rollback done; null when nothing was restored
 */
public record DoraReport(
    String application,
    String since,
    String until,
    int deployments,
    int succeeded,
    int failed,
    double deploymentsPerDay,
    Double leadTimeSeconds,
    Double changeFailureRate,
    Double timeToRestoreSeconds) {}
