package dev.deployflow.client;

/**
 * A plan preview could not be made: the pipeline is missing, invalid or does not serve the
 * application, or a version probe failed. The message says which, as a release would.
 */
public final class PlanRefusedException extends ReleaseClientException {
  public PlanRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
