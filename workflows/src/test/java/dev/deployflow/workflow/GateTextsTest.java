package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the gates say to people: counts are approvals received of approvals required, never
 * "required of approvers", and a decision gate never speaks of approvals at all.
 */
class GateTextsTest {

  private static ApprovalGate approvalGate(int required) {
    return new ApprovalGate("production", dev.deployflow.model.GateKind.APPROVAL, "shop", List.of("bob", "carol"), required, false,
        "alice", "2026-01-01T00:00:00Z");
  }

  @Test
  void theWaitingStepCountsApprovalsReceivedOfThoseRequired() {
    ApprovalGate gate = approvalGate(1);
    assertThat(gate.waitingFor("2.0.0"))
        .isEqualTo("waiting for approval of 2.0.0 to production: 0 of 1 approvals (approvers: bob, carol)");
    assertThat(gate.describe())
        .isEqualTo("approval gate 'production' (0 of 1 approvals; approvers: bob, carol; deadline 2026-01-01T00:00:00Z)");
  }

  @Test
  void theCountGrowsWithEachApproval() {
    ApprovalGate gate = approvalGate(2);
    gate.approve("bob", "2025-12-31T10:00:00Z", null);
    assertThat(gate.progress()).isEqualTo("1 of 2 approvals");
    assertThat(gate.waitingFor("2.0.0")).contains(": 1 of 2 approvals (approvers: bob, carol)");
  }

  @Test
  void aDecisionGateSaysWhatItWaitsForInsteadOfACount() {
    ApprovalGate gate = new ApprovalGate(Gates.ANALYSIS_GATE, dev.deployflow.model.GateKind.ANALYSIS, "shop", List.of("bob"), 1, true,
        "alice", "2026-01-01T00:00:00Z");
    assertThat(gate.describe())
        .isEqualTo("analysis gate 'analysis' (waits for promote or rollback, not for approvals; deadline 2026-01-01T00:00:00Z)")
        .doesNotContain(" of ");
  }
}
