package dev.deployflow.client;

/**
 * A release was asked for while another release of the same application is still in flight.
 * The workflow id is the lock, so the second start is refused; the message names the running
 * version and phase and the way out.
 */
public final class ReleaseConflictException extends ReleaseClientException {
  private final String application;
  private final String workflowId;

  public ReleaseConflictException(String application, String workflowId, String message) {
    super(message);
    this.application = application;
    this.workflowId = workflowId;
  }

  /** The application whose release is already running. */
  public String application() {
    return application;
  }

  /** The workflow id of the running release. */
  public String workflowId() {
    return workflowId;
  }
}
