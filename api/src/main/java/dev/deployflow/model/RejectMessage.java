package dev.deployflow.model;

import java.util.List;

/** Fails the waiting gate: nothing further is deployed and the release ends rejected. */
public record RejectMessage(String by, String gate, String reason) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(
        InputRules.person("by", by), MessageRules.gate(gate), InputRules.text("reason", reason));
  }
}
