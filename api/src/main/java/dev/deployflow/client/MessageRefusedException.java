package dev.deployflow.client;

/**
 * An operator message (approve, reject, rollback, pause, resume, promote) was refused. When the
 * workflow's update validator refused it, the message is the validator's text exactly, so that a
 * person reads why; the refusal left no trace in the workflow history.
 */
public final class MessageRefusedException extends ReleaseClientException {
  private final String messageName;

  public MessageRefusedException(String messageName, String reason, Throwable cause) {
    super(reason, cause);
    this.messageName = messageName;
  }

  /** The name of the refused message, e.g. {@code approve}. */
  public String messageName() {
    return messageName;
  }
}
