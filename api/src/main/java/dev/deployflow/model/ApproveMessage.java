package dev.deployflow.model;

import java.util.List;

/** One approval for a gate; {@code gate} is optional and means the gate waiting now. */
public record ApproveMessage(String by, String gate, String comment) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(
        InputRules.person("by", by), MessageRules.gate(gate), InputRules.text("comment", comment));
  }
}
