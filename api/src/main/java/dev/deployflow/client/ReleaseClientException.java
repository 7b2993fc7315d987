package dev.deployflow.client;

/**
 * The base of every failure that {@link ReleaseClient} reports in release terms. Its message is
 * written for a person and never contains secrets or stack traces.
 */
public class ReleaseClientException extends RuntimeException {
  public ReleaseClientException(String message) {
    super(message);
  }

  public ReleaseClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
