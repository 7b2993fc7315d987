package dev.deployflow.client;

import java.time.Duration;

/** The release was still running when the caller stopped waiting for its result. */
public final class ReleaseWaitTimeoutException extends ReleaseClientException {
  public ReleaseWaitTimeoutException(String application, Duration waited, Throwable cause) {
    super(application + " is still releasing after " + waited.toSeconds() + "s", cause);
  }
}
