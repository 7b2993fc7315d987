package dev.deployflow.model;

import java.util.List;

/** Asks for a rollback now; a missing {@code level} means {@link RollbackLevel#CODE}. */
public record RollbackMessage(String by, String reason, RollbackLevel level) implements OperatorMessage {

  /** The level to apply, with the documented default. */
  public RollbackLevel effectiveLevel() {
    return level == null ? RollbackLevel.CODE : level;
  }

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by), InputRules.text("reason", reason));
  }
}
