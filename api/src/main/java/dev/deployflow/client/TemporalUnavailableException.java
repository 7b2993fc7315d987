package dev.deployflow.client;

/**
 * Temporal could not be reached, or did not answer in time (gRPC {@code UNAVAILABLE} or
 * {@code DEADLINE_EXCEEDED}): nothing was done, and the same call can be tried again later.
 */
public final class TemporalUnavailableException extends ReleaseClientException {
  private final String address;

  public TemporalUnavailableException(String address, String reason, Throwable cause) {
    super("cannot reach Temporal at " + address + " (" + reason + ")", cause);
    this.address = address;
  }

  /** The Temporal address the client was given. */
  public String address() {
    return address;
  }
}
