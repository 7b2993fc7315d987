package dev.deployflow.model;

import java.util.List;

/**
 * At a {@code decision} gate (guided failure): goes on past a failed smoke test or analysis. The
 * reason is required, because a skip is recorded in the status, the release log and the
 * post-mortem, and a skip without a reason explains nothing to whoever reads them later.
 */
public record SkipMessage(String by, String reason) implements OperatorMessage {

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    String required = reason == null || reason.isBlank()
        ? "reason: is required; say why the failed step may be skipped, e.g. {\"reason\":\"known flaky check\"}" : null;
    return MessageRules.problems(InputRules.person("by", by), required == null ? InputRules.text("reason", reason) : required);
  }
}
