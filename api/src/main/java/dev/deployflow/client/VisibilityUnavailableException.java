package dev.deployflow.client;

/**
 * The Temporal server has no visibility store to list past releases from: the in-memory Java test
 * server (the worker's embedded fallback) does not implement {@code ListWorkflowExecutions}.
 * History and DORA need the dev server or a real Temporal.
 */
public final class VisibilityUnavailableException extends ReleaseClientException {
  public VisibilityUnavailableException(Throwable cause) {
    super("release history and DORA read Temporal's visibility store, which this Temporal server does"
        + " not have (the in-memory Java test server cannot list workflows); run the worker on the"
        + " Temporal dev server (temporal CLI on the PATH) or set TEMPORAL_ADDRESS to a real Temporal", cause);
  }
}
