package dev.deployflow.model;

import java.util.List;

/** Continues a paused release. */
public record ResumeMessage(String by) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by));
  }
}
