package dev.deployflow.client;

import dev.deployflow.model.ReleaseRequest;

/**
 * A release that Temporal accepted: the workflow id and run id that identify it, and the request
 * as it was sent, with its defaults applied.
 */
public record StartedRelease(String workflowId, String runId, ReleaseRequest request) {}
