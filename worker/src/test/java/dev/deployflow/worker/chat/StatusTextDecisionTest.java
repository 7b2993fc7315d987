package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.GateKind;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RunState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat status of a release held at a decision gate: what failed, and the choices as typed. */
class StatusTextDecisionTest {

  @Test
  void aWaitingDecisionGateShowsTheFailedStepAndTheThreeChoices() {
    String text = StatusText.detail(held(List.of("deployflow retry shop-api --by bob",
        "deployflow skip shop-api --by bob --reason '<why>'", "deployflow rollback shop-api --by bob"),
        "smoke test checkout in production", "checkout: expected status 200, got <500>"));

    assertThat(text.lines()).contains(
        "gate decision: waiting, decision: retry, skip or rollback (approvers: bob, erin), deadline 2026-01-01T10:30:00Z",
        "failed: smoke test checkout in production: checkout: expected status 200, got &lt;500&gt;",
        "choose: `/deploy retry shop-api` · `/deploy skip shop-api <reason>` · `/deploy rollback shop-api`");
  }

  @Test
  void aFailedDeployOffersNoSkip() {
    String text = StatusText.detail(held(List.of("deployflow retry shop-api --by bob",
        "deployflow rollback shop-api --by bob"), "deploy of api 1.2.0 to staging at 100%", "exit 2"));

    assertThat(text.lines()).contains("choose: `/deploy retry shop-api` · `/deploy rollback shop-api`")
        .anyMatch(l -> l.contains("decision: retry or rollback"));
  }

  private static ReleaseStatus held(List<String> commands, String step, String error) {
    ReleaseStatus.GateStatus gate = new ReleaseStatus.GateStatus("decision", GateKind.DECISION, GateState.WAITING,
        List.of("bob", "erin"), List.of(), 1, "2026-01-01T10:30:00Z", commands, step, error);
    return new ReleaseStatus("shop-api", "1.2.0", "alice", Phase.VERIFICATION, RunState.WAITING,
        "waiting for a decision", null, "1.1.0", List.of(), List.of(gate), List.of(), List.of(), List.of(),
        List.of(), List.of());
  }
}
