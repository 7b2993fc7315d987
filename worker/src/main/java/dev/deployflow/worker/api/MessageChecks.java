package dev.deployflow.worker.api;

import dev.deployflow.model.OperatorMessage;
import java.util.List;

/**
 * Applies a message's own input rules where the message enters: every operator message of the
 * model answers {@link OperatorMessage#problems()} (the input rules of CONTRACT.md, each problem
 * naming its field), the same check the release's update validators make. Calling the message's
 * method keeps the rules in one place; a refusal here is a 400 before Temporal is called.
 */
public final class MessageChecks {
  private MessageChecks() {}

  /**
   * Refuses {@code message} when its own rules find problems.
   *
   * @throws IllegalArgumentException listing the problems, each naming its field
   */
  public static void check(OperatorMessage message) {
    List<String> problems = message.problems();
    if (problems != null && !problems.isEmpty()) {
      throw new IllegalArgumentException("invalid message: " + String.join("; ", problems));
    }
  }
}
