package dev.deployflow.client;

/** No release workflow exists for the application: it was never started (or was purged). */
public final class ReleaseNotFoundException extends ReleaseClientException {
  private final String application;

  public ReleaseNotFoundException(String application, String workflowId, Throwable cause) {
    super("no release of " + application + " found (workflow id " + workflowId + ")", cause);
    this.application = application;
  }

  /** The application that has no release. */
  public String application() {
    return application;
  }
}
