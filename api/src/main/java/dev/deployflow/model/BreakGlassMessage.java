package dev.deployflow.model;

import java.util.List;

/**
 * Lets a hotfix pass the freezes that hold it now: {@code {"by","reason"}}, from a production
 * approver only; recorded in the timeline, the release log and the post-mortem.
 */
public record BreakGlassMessage(String by, String reason) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by),
        reason == null || reason.isBlank()
            ? "reason: is required; say why the hotfix may not wait for the freeze to lift"
            : InputRules.text("reason", reason));
  }
}
