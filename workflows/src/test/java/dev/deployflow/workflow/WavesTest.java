package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.verify;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.activity.DeployActivities.VersionResult;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.ReleaseStatus.WaveStatus;
import dev.deployflow.model.WaveState;
import dev.deployflow.pipeline.ApprovalSpec;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.pipeline.StabilitySpec;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Production waves (issue 13): {@code production-us} then {@code production-eu}, each with its own
 * rollout, smoke tests and stability window. The mocks record every deploy and command, so the
 * tests read the order in which the waves were rolled out and rolled back.
 */
class WavesTest {
  private static final String US = "production-us";
  private static final String EU = "production-eu";
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  /** staging, then production-us (10/50/100, gated), then production-eu (50/100, following us's approval). */
  private static TestPipelines twoWaves(ApprovalSpec euApproval) {
    return TestPipelines.standard().productionName(US)
        .rollout(new RolloutStep(10, "10m", List.of(TestPipelines.ERROR_RATE)), new RolloutStep(50, null, List.of()),
            new RolloutStep(100, null, List.of()))
        .stability("20m", "5m", TestPipelines.ERROR_RATE)
        .wave(EU, euApproval, new StabilitySpec("30m", "5m", List.of(TestPipelines.ERROR_RATE)),
            new RolloutStep(50, "5m", List.of()), new RolloutStep(100, null, List.of()));
  }

  @Test
  void twoWavesRollOutInOrderAndTheSecondFollowsTheFirstsApproval() {
    harness = new ReleaseHarness(twoWaves(null).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));

    ReleaseStatus waiting = harness.awaitGate(US);
    assertThat(waiting.waves()).extracting(WaveStatus::wave, WaveStatus::environment, WaveStatus::state, WaveStatus::weight)
        .containsExactly(tuple(1, US, WaveState.AWAITING_APPROVAL, 0), tuple(2, EU, WaveState.PENDING, 0));
    // The Temporal UI's details say where each wave stands.
    assertThat(uiDetails()).contains("\n- " + US + ": not deployed yet (runs 1.1.0) — wave 1 of 2, awaiting approval\n")
        .contains("\n- " + EU + ": not deployed yet — wave 2 of 2, pending\n")
        .doesNotContain("- " + TestPipelines.STAGING + ": 1.2.0 at 100% (was 1.1.0) — wave");
    workflow.approve(new ApproveMessage("bob", null, null));

    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.summary()).isEqualTo("shop 1.2.0 is live in production-us, production-eu (was 1.1.0)");

    assertThat(deploys()).filteredOn(d -> !d.environment().equals(TestPipelines.STAGING))
        .extracting(d -> d.environment() + " " + d.component() + "@" + d.weight())
        .containsExactly(
            US + " api@10", US + " web@10", US + " api@50", US + " web@50", US + " api@100", US + " web@100",
            EU + " api@50", EU + " web@50", EU + " api@100", EU + " web@100");

    ReleaseStatus status = harness.status();
    assertThat(status.waves()).extracting(WaveStatus::environment, WaveStatus::state, WaveStatus::weight, WaveStatus::version)
        .containsExactly(tuple(US, WaveState.DONE, 100, "1.2.0"), tuple(EU, WaveState.DONE, 100, "1.2.0"));
    assertThat(uiDetails()).contains("- " + US + ": 1.2.0 at 100% (was 1.1.0) — wave 1 of 2, done\n")
        .contains("- " + EU + ": 1.2.0 at 100% (was 1.1.0) — wave 2 of 2, done\n");
    // One approval gate: production-eu follows production-us's.
    assertThat(status.gates()).extracting(ReleaseStatus.GateStatus::name).containsExactly(US);
    List<String> events = status.timeline().stream().map(TimelineEvent::event).toList();
    assertThat(events).contains(EU + " follows the approval of " + US);
    assertThat(events).filteredOn(e -> e.startsWith("phase "))
        .containsExactly(
            "phase preparation -> staging (prepared)",
            "phase staging -> approval (staged)",
            "phase approval -> production_rollout (approved)",
            "phase production_rollout -> verification (rolled out)",
            "phase verification -> stability (verified)",
            "phase stability -> approval (wave stable)",
            "phase approval -> production_rollout (approved)",
            "phase production_rollout -> verification (rolled out)",
            "phase verification -> stability (verified)",
            "phase stability -> completion (stable)");
    // Each wave ran its own smoke tests and its own stability monitor.
    assertThat(events).contains("smoke test health passed in " + US, "smoke test checkout passed in " + US,
        "smoke test health passed in " + EU);
    assertThat(events.stream().filter(e -> e.startsWith("stability window: "))).hasSize(2);
  }

  @Test
  void aBreachInTheSecondWaveRollsBackTheSecondWaveThenTheFirstAndLeavesStaging() {
    harness = new ReleaseHarness(twoWaves(null).build());
    // Only production-eu breaches its stability window; the first wave and every analysis before are healthy.
    lenient().when(harness.mocks.metrics.measure(any())).thenAnswer(inv -> {
      MeasureRequest request = inv.getArgument(0);
      boolean eu = request != null && request.vars() != null && EU.equals(request.vars().get("environment"));
      return Measurement.value(request == null ? "unknown" : request.metric(), eu ? 0.2 : 0.001, Instant.EPOCH.toString());
    });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(US);
    workflow.approve(new ApproveMessage("bob", null, null));

    ReleaseResult result = harness.result();
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).startsWith("rolled back automatically: stability breached");

    // The compensating deploys: production-eu first (components in reverse), then production-us; staging keeps 1.2.0.
    List<DeployRequest> all = deploys();
    List<DeployRequest> rollback = all.subList(firstIndexOfVersion(all, "1.1.0"), all.size());
    assertThat(rollback).extracting(d -> d.environment() + " " + d.component() + " " + d.version() + "@" + d.weight())
        .containsExactly(EU + " web 1.1.0@100", EU + " api 1.1.0@100", US + " web 1.1.0@100", US + " api 1.1.0@100");
    // The migrations are undone in the same order: production-eu's before production-us's.
    assertThat(commands()).filteredOn(c -> c.spec().command().contains("down"))
        .extracting(c -> c.vars().get("environment"))
        .containsExactly(EU, US);

    ReleaseStatus status = harness.status();
    assertThat(status.waves()).extracting(WaveStatus::environment, WaveStatus::state, WaveStatus::weight)
        .containsExactly(tuple(US, WaveState.ROLLED_BACK, 0), tuple(EU, WaveState.ROLLED_BACK, 0));
    assertThat(status.compensations()).filteredOn(c -> c.action().contains(TestPipelines.STAGING))
        .allSatisfy(c -> assertThat(c.state()).hasToString("not_run"));
    assertThat(status.timeline()).extracting(TimelineEvent::event)
        .contains("rolling back waves " + EU + ", " + US + ", in that order");
  }

  @Test
  void aFullRollbackInTheSecondWaveUndoesBothWavesThenStaging() {
    harness = new ReleaseHarness(twoWaves(null).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(US);
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.skipUntil("production-eu's canary pause",
        s -> String.valueOf(s.currentStep()).startsWith("canary 50% in " + EU + " — pause"));
    workflow.rollback(new dev.deployflow.model.RollbackMessage("carol", "checkout errors", dev.deployflow.model.RollbackLevel.FULL));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    List<DeployRequest> all = deploys();
    assertThat(all.subList(firstIndexOfVersion(all, "1.1.0"), all.size()))
        .extracting(d -> d.environment() + " " + d.component())
        .containsExactly(EU + " web", EU + " api", US + " web", US + " api",
            TestPipelines.STAGING + " web", TestPipelines.STAGING + " api");
    assertThat(harness.status().waves()).extracting(WaveStatus::state)
        .containsExactly(WaveState.ROLLED_BACK, WaveState.ROLLED_BACK);
    assertThat(harness.status().compensations()).extracting(c -> c.action()).contains("configuration rollback");
  }

  @Test
  void aWaveWithItsOwnGateWaitsForItsOwnApproversAfterTheFirstWave() {
    harness = new ReleaseHarness(twoWaves(new ApprovalSpec(List.of("carol"), 1, "24h", false, null)).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(US);
    workflow.approve(new ApproveMessage("bob", null, null));

    ReleaseStatus second = harness.skipUntilGate(EU);
    assertThat(second.phase()).isEqualTo(Phase.APPROVAL);
    assertThat(second.waves()).extracting(WaveStatus::environment, WaveStatus::state, WaveStatus::weight)
        .containsExactly(tuple(US, WaveState.DONE, 100), tuple(EU, WaveState.AWAITING_APPROVAL, 0));
    assertThat(deploys()).noneMatch(d -> d.environment().equals(EU));
    // The second gate shows the live version of its own wave, read before it opened.
    ReleaseStatus.GateStatus gate = second.gates().stream().filter(g -> g.name().equals(EU)).findFirst().orElseThrow();
    assertThat(gate.approvers()).containsExactly("carol");
    assertThat(gate.diff()).extracting(c -> c.describe()).contains("api: 1.1.0 → 1.2.0 in " + EU);

    workflow.approve(new ApproveMessage("carol", EU, null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().gates()).extracting(ReleaseStatus.GateStatus::name, ReleaseStatus.GateStatus::state)
        .containsExactly(tuple(US, GateState.APPROVED), tuple(EU, GateState.APPROVED));
  }

  @Test
  void theApprovalRequestShowsTheLiveProductionVersionReadBeforeTheGateOpens() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    // Production runs 1.0.9, staging 1.1.0: the diff must show production's own live version.
    lenient().when(harness.mocks.deploy.readCurrentVersion(any())).thenAnswer(inv -> {
      VersionProbeRequest request = inv.getArgument(0);
      return new VersionResult(request != null && TestPipelines.PRODUCTION.equals(request.environment()) ? "1.0.9" : "1.1.0");
    });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));

    ReleaseStatus waiting = harness.awaitGate(TestPipelines.PRODUCTION);
    assertThat(waiting.gates().get(0).diff()).extracting(c -> c.describe()).containsExactly(
        "api: 1.1.0 → 1.2.0 in staging", "web: 1.1.0 → 1.2.0 in staging",
        "api: 1.0.9 → 1.2.0 in production", "web: 1.0.9 → 1.2.0 in production");
    ArgumentCaptor<NotifyRequest> notes = ArgumentCaptor.forClass(NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    assertThat(notes.getAllValues()).filteredOn(n -> n.event().equals("awaiting_approval")).singleElement()
        .satisfies(n -> assertThat(n.diff()).extracting(c -> c.describe()).contains("api: 1.0.9 → 1.2.0 in production"));
    // The read is only a read: a rollback requested now still undoes staging, the environment the release is in.
    assertThat(deploys()).noneMatch(d -> d.environment().equals(TestPipelines.PRODUCTION));

    // The rollout reuses what was read: production is probed once, and a rollback there restores 1.0.9.
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% — pause");
    workflow.rollback(new dev.deployflow.model.RollbackMessage("bob", "checkout errors", dev.deployflow.model.RollbackLevel.CODE));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    ArgumentCaptor<VersionProbeRequest> probes = ArgumentCaptor.forClass(VersionProbeRequest.class);
    verify(harness.mocks.deploy, atLeastOnce()).readCurrentVersion(probes.capture());
    // An environment's probes run at the same time: each was read once, in no particular order.
    assertThat(probes.getAllValues()).extracting(p -> p.environment() + "/" + p.component())
        .containsExactlyInAnyOrder("staging/api", "staging/web", "production/api", "production/web");
    assertThat(deploys()).filteredOn(d -> d.version().equals("1.0.9"))
        .extracting(d -> d.environment() + " " + d.component()).containsExactly("production web", "production api");
  }

  @Test
  void aRollbackDuringTheApprovalStillUndoesStagingAfterProductionWasRead() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(TestPipelines.PRODUCTION);
    workflow.rollback(new dev.deployflow.model.RollbackMessage("bob", "wrong build", dev.deployflow.model.RollbackLevel.CODE));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(deploys()).filteredOn(d -> d.version().equals(dev.deployflow.workflow.support.MockActivities.PREVIOUS))
        .extracting(d -> d.environment() + " " + d.component()).containsExactly("staging web", "staging api");
  }

  @Test
  void aRollbackAtTheSecondWavesGateUndoesTheFirstWaveOnly() {
    harness = new ReleaseHarness(twoWaves(new ApprovalSpec(List.of("carol"), 1, "24h", false, null)).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(US);
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.skipUntilGate(EU);
    workflow.rollback(new dev.deployflow.model.RollbackMessage("carol", "not in europe", dev.deployflow.model.RollbackLevel.CODE));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    List<DeployRequest> all = deploys();
    assertThat(all.subList(firstIndexOfVersion(all, "1.1.0"), all.size()))
        .extracting(d -> d.environment() + " " + d.component()).containsExactly(US + " web", US + " api");
    assertThat(harness.status().waves()).extracting(WaveStatus::state)
        .containsExactly(WaveState.ROLLED_BACK, WaveState.PENDING);
  }

  @Test
  void aConfigurationRollbackAtTheSecondWavesGateLeavesTheCodeAndClosesTheWaveStates() {
    harness = new ReleaseHarness(twoWaves(new ApprovalSpec(List.of("carol"), 1, "24h", false, null)).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(US);
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.skipUntilGate(EU);
    workflow.rollback(new dev.deployflow.model.RollbackMessage("carol", "bad flag", dev.deployflow.model.RollbackLevel.CONFIG));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(deploys()).as("no code rolled back").noneMatch(d -> d.version().equals("1.1.0"));
    // production-us finished; production-eu never started, its gate closed by the rollback.
    assertThat(harness.status().waves()).extracting(WaveStatus::state)
        .containsExactly(WaveState.DONE, WaveState.PENDING);
  }

  @Test
  void aFullPromotionSkipsTheCurrentWaveOnlyUnlessItSaysAllWaves() {
    assertThat(promotedDeploys(false)).containsExactly(US + "@10", US + "@100", EU + "@50", EU + "@100");
    harness.close();
    assertThat(promotedDeploys(true)).containsExactly(US + "@10", US + "@100", EU + "@100");
  }

  /** Promotes fully during production-us's 10% pause; the weights each wave was then deployed at (api only). */
  private List<String> promotedDeploys(boolean allWaves) {
    harness = new ReleaseHarness(twoWaves(null).build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate(US);
    workflow.approve(new ApproveMessage("bob", null, null));
    harness.awaitWaiting("canary 10% in " + US + " — pause 10m");
    workflow.promote(new PromoteMessage("erin", true, allWaves));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    return deploys().stream().filter(d -> !d.environment().equals(TestPipelines.STAGING) && d.component().equals("api"))
        .map(d -> d.environment() + "@" + d.weight()).toList();
  }

  private List<DeployRequest> deploys() {
    ArgumentCaptor<DeployRequest> captor = ArgumentCaptor.forClass(DeployRequest.class);
    verify(harness.mocks.deploy, atLeastOnce()).deploy(captor.capture());
    return captor.getAllValues();
  }

  private List<CommandRequest> commands() {
    ArgumentCaptor<CommandRequest> captor = ArgumentCaptor.forClass(CommandRequest.class);
    verify(harness.mocks.commands, atLeastOnce()).runCommand(captor.capture());
    return captor.getAllValues();
  }

  private static int firstIndexOfVersion(List<DeployRequest> deploys, String version) {
    for (int i = 0; i < deploys.size(); i++) {
      if (deploys.get(i).version().equals(version)) {
        return i;
      }
    }
    throw new AssertionError("no deploy of " + version + " in " + deploys);
  }

  private String uiDetails() {
    return harness.stub()
        .query("__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class)
        .getCurrentDetails();
  }
}
