package dev.deployflow.worker.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.OperatorMessage;
import dev.deployflow.model.RollbackMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edge applies a message's own input rules ({@code problems()}) and names every field. */
class MessageChecksTest {

  /** A message that checks itself the way the model's message records do. */
  record Probe(String by, String reason) implements OperatorMessage {
    @Override
    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      if (by == null) {
        problems.add("by: is required");
      }
      if (reason != null && reason.length() > 10) {
        problems.add("reason: is " + reason.length() + " characters long; at most 10 are allowed");
      }
      return problems;
    }
  }

  @Test
  void everyProblemIsReportedWithItsField() {
    assertThatThrownBy(() -> MessageChecks.check(new Probe(null, "x".repeat(11))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid message: by: is required; reason: is 11 characters long; at most 10 are"
                + " allowed");
  }

  @Test
  void aValidMessagePasses() {
    assertThatCode(() -> MessageChecks.check(new Probe("bob", "ok"))).doesNotThrowAnyException();
  }

  @Test
  void theModelsOwnRulesApply() {
    assertThatThrownBy(() -> MessageChecks.check(new RollbackMessage("bob\u0007", null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid message: by: ");
  }
}
