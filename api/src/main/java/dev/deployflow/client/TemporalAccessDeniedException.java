package dev.deployflow.client;

/**
 * Temporal refused the caller (gRPC {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED}): the
 * client's credentials (mTLS certificate, API key) are missing, wrong or lack access to the
 * namespace. Trying again does not help; the credentials must change.
 */
public final class TemporalAccessDeniedException extends ReleaseClientException {
  public TemporalAccessDeniedException(String address, String reason, Throwable cause) {
    super("Temporal at " + address + " refused access (" + reason + "): check the client's"
        + " credentials (mTLS certificate or API key) and its namespace", cause);
  }
}
