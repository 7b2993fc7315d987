package dev.deployflow.model;

import java.util.List;

/** At a {@code decision} gate (guided failure): runs the failed step again, with a fresh idempotency key. */
public record RetryMessage(String by) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by));
  }
}
