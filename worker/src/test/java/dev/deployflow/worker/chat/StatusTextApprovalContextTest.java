package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.GateKind;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PlanPreview.VersionChange;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RunState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat status reply shows what a waiting approval gate asks people to approve. */
class StatusTextApprovalContextTest {

  private static ReleaseStatus withGate(GateState state) {
    ReleaseStatus.GateStatus gate = new ReleaseStatus.GateStatus("production", GateKind.APPROVAL, state,
        List.of("bob"), List.of(), 1, "2026-12-01T23:00:00Z", List.of(), List.of("faster <search>"),
        List.of(new VersionChange("api", "staging", "1.1.0", "1.2.0")), "shop 1.2.0: api to staging, production");
    return new ReleaseStatus("shop", "1.2.0", "alice", Phase.APPROVAL, RunState.WAITING, "waiting for approval", null,
        null, List.of(), List.of(gate), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  @Test
  void aWaitingApprovalShowsPlanChangesAndVersions() {
    String text = StatusText.detail(withGate(GateState.WAITING));
    assertThat(text).contains("\n  plan: shop 1.2.0: api to staging, production")
        .contains("\n  changes: faster &lt;search&gt;")
        .contains("\n  versions: api: 1.1.0 → 1.2.0 in staging");
  }

  @Test
  void aDecidedGateNoLongerRepeatsIt() {
    assertThat(StatusText.detail(withGate(GateState.APPROVED))).doesNotContain("plan:").doesNotContain("versions:");
  }
}
