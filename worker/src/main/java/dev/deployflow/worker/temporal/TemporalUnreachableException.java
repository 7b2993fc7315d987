package dev.deployflow.worker.temporal;

/** The configured Temporal server did not answer at start-up. */
public class TemporalUnreachableException extends RuntimeException {
  private final String target;

  public TemporalUnreachableException(String target, Throwable cause) {
    super("cannot reach Temporal at " + target + ": " + cause.getMessage(), cause);
    this.target = target;
  }

  /** The address that did not answer. */
  public String target() {
    return target;
  }
}
