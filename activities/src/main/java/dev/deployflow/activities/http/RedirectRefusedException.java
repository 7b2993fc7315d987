package dev.deployflow.activities.http;

/**
 * An answer redirected the request somewhere it may not follow. Carries only the target's host
 * and why it was refused: the full Location may hold a token.
 */
public final class RedirectRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String targetHost;
  private final String reason;

  RedirectRefusedException(int status, String targetHost, String reason) {
    super("redirected (HTTP " + status + ") to host " + targetHost + ", which is refused: " + reason);
    this.status = status;
    this.targetHost = targetHost;
    this.reason = reason;
  }

  /** The redirect's status, such as 302. */
  public int status() {
    return status;
  }

  /** The host the redirect leads to, or a description when its Location cannot be read. */
  public String targetHost() {
    return targetHost;
  }

  /** Why the redirect is not followed. */
  public String reason() {
    return reason;
  }
}
