package dev.deployflow.client;

/**
 * Temporal answered a call with an error other than unavailable or access denied (an internal
 * error, an exhausted quota, a namespace that does not exist): the message says which.
 */
public final class TemporalRequestFailedException extends ReleaseClientException {
  public TemporalRequestFailedException(String reason, Throwable cause) {
    super("Temporal refused the request: " + reason, cause);
  }
}
