package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Skips the current wait; with {@code full}, skips every remaining rollout step of the current
 * production wave as well; with {@code allWaves} (only together with {@code full}) those of every
 * later wave too. Approval gates and stability windows of later waves still hold.
 */
public record PromoteMessage(
    String by,
    boolean full,
    // Left out of the JSON when false, so that a promotion of one wave reads as it did before waves.
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean allWaves) implements OperatorMessage {

  /** A promotion of the current wave only, as before waves existed. */
  public PromoteMessage(String by, boolean full) {
    this(by, full, false);
  }

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    return MessageRules.problems(InputRules.person("by", by), allWaves && !full
        ? "allWaves: applies only with full: true (it skips the remaining rollout steps of every wave)" : null);
  }
}
