package dev.deployflow.cli.temporal;

/** Nothing usable answered at the Temporal address the command line was given. */
public final class TemporalUnreachableException extends RuntimeException {
  /** What a person can do when Temporal cannot be reached. */
  public static final String WHAT_TO_DO = "Start the worker"
      + " (./deployflow worker, which serves an embedded Temporal on 127.0.0.1:7233 when"
      + " TEMPORAL_ADDRESS is not set) or point --temporal / TEMPORAL_ADDRESS at your Temporal"
      + " frontend.";

  public TemporalUnreachableException(String address, String reason, Throwable cause) {
    super("cannot reach Temporal at " + address + " (" + reason + "). " + WHAT_TO_DO, cause);
  }
}
