package dev.deployflow.model;

/**
 * A release held by a freeze, as it registers itself with the calendar (signal {@code register}):
 * the calendar signals {@code freezeLifted} to {@code workflowId} once no freeze holds
 * {@code application} any more.
 */
public record FreezeWaiter(String workflowId, String application) {}
