package dev.deployflow.model;

import java.util.List;

/** Skips the current wait; with {@code full}, skips every remaining rollout step as well. */
public record PromoteMessage(String by, boolean full) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by));
  }
}
