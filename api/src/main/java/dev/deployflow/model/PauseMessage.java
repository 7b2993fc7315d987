package dev.deployflow.model;

import java.util.List;

/** Holds the release before its next step; running timers keep their deadlines. */
public record PauseMessage(String by, String reason) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by), InputRules.text("reason", reason));
  }
}
