package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.pipeline.ApprovalSpec;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With several production waves, each wave's gate is decided by its own approvers under its own
 * {@code allowSelfApproval} (CONTRACT.md: "the waiting gate's approvers"): being an approver of
 * another wave is not enough, and one wave's permission to self-approve is not another's.
 */
class WaveGateApproversTest {
  private static final String US = "production-us";
  private static final String EU = "production-eu";
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private DeploymentWorkflow startAtSecondGate(ApprovalSpec us, ApprovalSpec eu, String firstApprover) {
    harness = new ReleaseHarness(TestPipelines.standard().productionName(US).approval(us)
        .rollout(new RolloutStep(100, null, List.of())).noStability()
        .wave(EU, eu, null, new RolloutStep(100, null, List.of())).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(US);
    workflow.approve(new ApproveMessage(firstApprover, null, null));
    harness.skipUntilGate(EU);
    return workflow;
  }

  @Test
  void anApproverOfTheFirstWaveMayNotApproveOrRejectTheSecondWavesGate() {
    DeploymentWorkflow workflow = startAtSecondGate(new ApprovalSpec(List.of("bob"), 1, "24h", false, null),
        new ApprovalSpec(List.of("carol"), 1, "24h", false, null), "bob");

    assertThat(refusal(() -> workflow.approve(new ApproveMessage("bob", EU, null))))
        .contains("bob may not approve gate 'production-eu': its approvers are carol");
    assertThat(refusal(() -> workflow.reject(new RejectMessage("bob", EU, "not today"))))
        .contains("bob may not reject gate 'production-eu': its approvers are carol");
    assertThat(gate(EU).state()).isEqualTo(GateState.WAITING);

    workflow.approve(new ApproveMessage("carol", EU, null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void theSecondWavesOwnSelfApprovalRuleHolds() {
    // production-us allows self-approval, production-eu does not; alice requested the release.
    DeploymentWorkflow workflow = startAtSecondGate(new ApprovalSpec(List.of("alice", "bob"), 1, "24h", true, null),
        new ApprovalSpec(List.of("alice", "carol"), 1, "24h", false, null), "alice");

    assertThat(refusal(() -> workflow.approve(new ApproveMessage("alice", EU, null))))
        .contains("alice requested this release, and gate 'production-eu' does not allow self-approval");
    assertThat(gate(EU).state()).isEqualTo(GateState.WAITING);
  }

  private static String refusal(Runnable update) {
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(refused).as("the update should be refused").isNotNull();
    return String.valueOf(refused.getCause().getMessage());
  }

  private ReleaseStatus.GateStatus gate(String name) {
    return harness.status().gates().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }
}
