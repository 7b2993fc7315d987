package dev.deployflow.worker.api;

/**
 * A body names someone other than the caller in {@code by} or {@code requestedBy}: the API
 * acts only in the name its token proves, so this is 403.
 */
public class SpeakerMismatchException extends RuntimeException {
  private final String field;

  public SpeakerMismatchException(String field, String identity) {
    super(
        field + ": must be your own identity '" + identity + "' or left out; this token may not"
            + " act for anyone else");
    this.field = field;
  }

  /** The body's field that named someone else. */
  public String field() {
    return field;
  }
}
