package dev.deployflow.model;

import java.util.List;

/** Lifts a freeze of the calendar: {@code {"by","id"}}; the releases it held are woken. */
public record UnfreezeMessage(String by, String id) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by), InputRules.name("id", id));
  }
}
