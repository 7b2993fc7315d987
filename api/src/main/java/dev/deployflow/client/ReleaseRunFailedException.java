package dev.deployflow.client;

/**
 * The release workflow run itself failed, was terminated or timed out: a broken pipeline or an
 * exhausted compensation. A release that was rolled back, rejected or aborted does not fail; it
 * completes with that outcome.
 */
public final class ReleaseRunFailedException extends ReleaseClientException {
  public ReleaseRunFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
