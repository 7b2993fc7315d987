package dev.deployflow.plan;

import java.time.Instant;

/**
 * Whether a deploy may start now and, if not, when it may.
 *
 * @param open whether it may start now
 * @param opensAt when it may start: {@code now} when open, the earliest instant at which the
 *     window is open and no freeze holds when closed, or null when no such instant was found
 *     within {@link DeployWindows#SEARCH_LIMIT}
 * @param reason why, in words a person reads in the release status and notifications
 */
public record WindowDecision(boolean open, Instant opensAt, String reason) {}
