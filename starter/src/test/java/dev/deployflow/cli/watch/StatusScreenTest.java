package dev.deployflow.cli.watch;

import static dev.deployflow.cli.watch.Statuses.WAITING_GATE;
import static dev.deployflow.cli.watch.Statuses.event;
import static dev.deployflow.cli.watch.Statuses.status;
import static dev.deployflow.cli.watch.Statuses.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.cli.CommandHints;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.RunState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status screen as a person reads it, without a server. */
class StatusScreenTest {
  private final StatusScreen text = new StatusScreen(false);

  private static final String PREPARED = "phase preparation -> staging (prepared)";
  private static final String STAGED = "phase staging -> approval (staged)";
  private static final String APPROVED = "phase approval -> production_rollout (approved)";

  @Test
  void marksPhasesDoneCurrentAndAheadFromTheTransitionsInTheTimeline() {
    String screen = render(status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(),
        timeline("release started", PREPARED, "staging deployed", STAGED, APPROVED, "production at 10%")));

    assertThat(screen).contains("  ✓ preparation  ✓ staging  ✓ approval  ▶ production_rollout  · verification"
        + "  · stability  · completion\n");
    assertThat(screen).contains("  step: canary 50% — analysis 2/3");
  }

  @Test
  void aReleaseThatFailedInPreparationSkippedEveryPhaseAfterIt() {
    String screen = render(status(Phase.COMPLETION, RunState.DONE, Outcome.FAILED, List.of(),
        timeline("release started", "build of api failed", "phase preparation -> completion (gate failed)")));

    assertThat(screen).contains("  ✗ preparation  – staging  – approval  – production_rollout  – verification"
        + "  – stability  ✓ completion\n");
  }

  @Test
  void aFullRollbackAtTheCanaryMarksWhereItStartedAndShowsTheRollback() {
    String screen = render(status(Phase.COMPLETION, RunState.DONE, Outcome.ROLLED_BACK, List.of(),
        timeline(PREPARED, STAGED, APPROVED, "production at 10%", "rollback (full) requested",
            "phase production_rollout -> rollback (rollback requested)", "phase rollback -> completion (rolled back)")));

    assertThat(screen).contains("  ✓ preparation  ✓ staging  ✓ approval  ✗ production_rollout  – verification"
        + "  – stability  ✓ rollback  ✓ completion\n");
  }

  @Test
  void duringARollbackTheFailedGateIsMarkedAndCompletionIsStillAhead() {
    String screen = render(status(Phase.ROLLBACK, RunState.RUNNING, null, List.of(),
        timeline(PREPARED, STAGED, APPROVED, "analysis failed",
            "phase production_rollout -> rollback (gate failed)")));

    assertThat(screen).contains("  ✓ preparation  ✓ staging  ✓ approval  ✗ production_rollout  – verification"
        + "  – stability  ▶ rollback  · completion\n");
  }

  @Test
  void aRejectedApprovalIsMarkedFailedAndProductionSkipped() {
    String screen = render(status(Phase.COMPLETION, RunState.DONE, Outcome.REJECTED, List.of(),
        timeline(PREPARED, STAGED, "phase approval -> completion (rejected)")));

    assertThat(screen).contains("  ✓ preparation  ✓ staging  ✗ approval  – production_rollout  – verification"
        + "  – stability  ✓ completion\n");
  }

  @Test
  void aSucceededReleaseFromItsTransitionsIsAllDoneWithoutRollback() {
    String screen = render(status(Phase.COMPLETION, RunState.DONE, Outcome.SUCCEEDED, List.of(),
        timeline(PREPARED, STAGED, APPROVED, "phase production_rollout -> verification (rolled out)",
            "phase verification -> stability (verified)", "phase stability -> completion (stable)")));

    assertThat(screen).contains("  ✓ preparation  ✓ staging  ✓ approval  ✓ production_rollout  ✓ verification"
        + "  ✓ stability  ✓ completion\n");
  }

  @Test
  void aTransitionLineOfAnUnknownPhaseIsIgnored() {
    String screen = render(status(Phase.STAGING, RunState.RUNNING, null, List.of(),
        timeline(PREPARED, "phase staging -> canary_lab (staged)")));

    assertThat(screen).contains("  ✓ preparation  ▶ staging  · approval");
  }

  @Test
  void withoutTransitionsInTheTimelineTheMarksFollowThePhaseOrder() {
    // A worker that writes no transitions: the order is the only hint there is.
    String screen = render(status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(), List.of()));

    assertThat(screen).contains("  ✓ preparation  ✓ staging  ✓ approval  ▶ production_rollout  · verification"
        + "  · stability  · completion");
  }

  @Test
  void drawsAWeightBarPerEnvironment() {
    String screen = render(status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(), List.of()));

    assertThat(screen)
        .contains("  staging      1.2.0      [██████████] 100%  (previous 1.1.0)")
        .contains("  production   1.2.0      [█████░░░░░]  50%  (previous 1.1.0)");
  }

  @Test
  void drawsOneRowPerProductionWaveWithItsStateAndWeight() {
    String screen = render(Statuses.withWaves(status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(), List.of()),
        new dev.deployflow.model.ReleaseStatus.WaveStatus(1, "production-us", dev.deployflow.model.WaveState.DONE, 100, "1.2.0"),
        new dev.deployflow.model.ReleaseStatus.WaveStatus(2, "production-eu", dev.deployflow.model.WaveState.ROLLING_OUT, 50, "1.2.0")));

    assertThat(screen)
        .contains("waves\n")
        .contains("  wave 1  production-us  done              [██████████] 100%  1.2.0\n")
        .contains("  wave 2  production-eu  rolling_out       [█████░░░░░]  50%  1.2.0\n");
  }

  @Test
  void aSingleWaveNeedsNoWavesRows() {
    String screen = render(Statuses.withWaves(status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(), List.of()),
        new dev.deployflow.model.ReleaseStatus.WaveStatus(1, "production", dev.deployflow.model.WaveState.ROLLING_OUT, 50, "1.2.0")));
    assertThat(screen).doesNotContain("waves\n");
  }

  @Test
  void showsTheLatestMeasurementsWithTheirOutcomesAndTheVerdict() {
    String screen = render(status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(), List.of()));

    assertThat(screen).contains("  error-rate     [canary 50%]  0.0012 ✓  0.041 ✗  no data inconclusive"
        + "  verdict: running");
  }

  @Test
  void aWaitingGateShowsWhoMayApproveAndTheExactCommands() {
    String screen = render(status(Phase.APPROVAL, RunState.WAITING, null, List.of(WAITING_GATE), List.of()));

    assertThat(screen)
        .contains("  production   waiting  0/1 approvals  approvers: bob, carol  until 2026-01-01T10:00:00Z")
        .contains("    $ deployflow approve shop-api --by bob")
        .contains("    $ deployflow approve shop-api --by carol")
        .contains("    $ temporal workflow update execute --workflow-id deploy-shop-api --name approve"
            + " --input '{\"by\":\"bob\"}'")
        .doesNotContain("{\"by\":\"carol\"}");
  }

  @Test
  void theTimelineShowsOnlyItsTail() {
    List<dev.deployflow.model.ReleaseStatus.TimelineEvent> events = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      events.add(event("2026-01-01T10:00:0" + (i % 10) + "Z", "event " + i, i == 10 ? "bob" : null));
    }

    String screen = render(status(Phase.STAGING, RunState.RUNNING, null, List.of(), events));

    assertThat(screen).doesNotContain("event 4\n").contains("event 5\n").contains("event 10 (bob)");
  }

  @Test
  void aSucceededReleaseIsAllDone() {
    String screen = render(status(Phase.COMPLETION, RunState.DONE, Outcome.SUCCEEDED, List.of(), List.of()));

    assertThat(screen).contains("✓ completion").doesNotContain("▶").doesNotContain("·")
        .contains("state done (succeeded)");
  }

  @Test
  void withoutTransitionsARejectedReleaseMarksThePhaseWhereItStopped() {
    String screen = render(status(Phase.APPROVAL, RunState.DONE, Outcome.REJECTED, List.of(), List.of()));

    assertThat(screen).contains("✓ staging  ✗ approval  – production_rollout");
  }

  @Test
  void withoutTransitionsARollbackMarksThePhaseItStartedFromWhenTheViewSawIt() {
    String screen = String.join("\n", text.render(
        status(Phase.ROLLBACK, RunState.RUNNING, null, List.of(), List.of()), Phase.PRODUCTION_ROLLOUT));

    assertThat(screen).contains("✓ approval  ✗ production_rollout  – verification")
        .contains("– stability  ▶ rollback  · completion");
  }

  @Test
  void gateCommandsAreWrittenAsTheProgramWasTypedWithTheExplicitAddress() {
    StatusScreen screen = new StatusScreen(false,
        new CommandHints("./deployflow", null, "127.0.0.1:7400"));

    String lines = String.join("\n",
        screen.render(status(Phase.APPROVAL, RunState.WAITING, null, List.of(WAITING_GATE), List.of()), null));

    assertThat(lines)
        .contains("    $ ./deployflow approve shop-api --by bob --temporal 127.0.0.1:7400")
        .contains("    $ ./deployflow approve shop-api --by carol --temporal 127.0.0.1:7400")
        .contains("    $ temporal workflow update execute --workflow-id deploy-shop-api --name approve"
            + " --input '{\"by\":\"bob\"}'")
        .doesNotContain("$ deployflow")
        .doesNotContain("'{\"by\":\"bob\"}' --temporal");
  }

  @Test
  void duringARollbackItShowsEachCompensationAndHowFarItGot() {
    var base = status(Phase.ROLLBACK, RunState.RUNNING, null, List.of(), List.of());
    var status = new dev.deployflow.model.ReleaseStatus(base.application(), base.version(),
        base.requestedBy(), base.phase(), base.state(), base.currentStep(), base.outcome(),
        base.previousVersion(), base.environments(), base.gates(), base.analysis(), base.timeline(),
        List.of(new dev.deployflow.model.ReleaseStatus.CompensationStatus("deploy web 1.1.0 to production", dev.deployflow.model.CompensationState.fromJson("done"), null),
            new dev.deployflow.model.ReleaseStatus.CompensationStatus("deploy api 1.1.0 to production", dev.deployflow.model.CompensationState.fromJson("failed"), "exit 3"),
            new dev.deployflow.model.ReleaseStatus.CompensationStatus("undo migration of api", dev.deployflow.model.CompensationState.fromJson("pending"), null)),
        base.rejectedMessages(), base.transitions());

    assertThat(render(status)).contains("rollback\n"
        + "  ✓ deploy web 1.1.0 to production\n"
        + "  ✗ deploy api 1.1.0 to production  (exit 3)\n"
        + "  · undo migration of api\n");
    assertThat(render(status(Phase.STAGING, RunState.RUNNING, null, List.of(), List.of())))
        .doesNotContain("rollback");
  }

  @Test
  void theAnalysisDecisionGateAsksForADecisionNotForApprovals() {
    var decision = new dev.deployflow.model.ReleaseStatus.GateStatus("analysis", dev.deployflow.model.GateKind.ANALYSIS, dev.deployflow.model.GateState.fromJson("waiting"),
        List.of("bob", "carol"), List.of(), 1, null, List.of());
    var approval = new dev.deployflow.model.ReleaseStatus.GateStatus("production", dev.deployflow.model.GateKind.APPROVAL, dev.deployflow.model.GateState.fromJson("approved"),
        List.of("bob", "carol"), List.of(), 1, null, List.of());

    assertThat(GateCommands.tally(decision)).isEqualTo("decision: promote or rollback");
    assertThat(GateCommands.tally(approval)).isEqualTo("0/1 approvals");
  }

  @Test
  void theRollbackIsListedInTheOrderItRanNotTheOrderItWasRegistered() {
    var registered = List.of(
        new dev.deployflow.model.ReleaseStatus.CompensationStatus("undo migration of api in production", dev.deployflow.model.CompensationState.fromJson("done"), null),
        new dev.deployflow.model.ReleaseStatus.CompensationStatus("deploy api 1.0.0 to production (previous version)", dev.deployflow.model.CompensationState.fromJson("done"), null),
        new dev.deployflow.model.ReleaseStatus.CompensationStatus("deploy web 1.0.0 to production (previous version)", dev.deployflow.model.CompensationState.fromJson("done"), null),
        new dev.deployflow.model.ReleaseStatus.CompensationStatus("configuration rollback", dev.deployflow.model.CompensationState.fromJson("pending"), null));
    var ran = Statuses.timeline(
        "compensation done: deploy web 1.0.0 to production (previous version)",
        "compensation done: deploy api 1.0.0 to production (previous version)",
        "compensation done: undo migration of api in production");

    assertThat(StatusScreen.inRunOrder(registered, ran))
        .extracting(dev.deployflow.model.ReleaseStatus.CompensationStatus::action)
        .containsExactly(
            "deploy web 1.0.0 to production (previous version)",
            "deploy api 1.0.0 to production (previous version)",
            "undo migration of api in production",
            "configuration rollback");
  }

  @Test
  void withAnsiItColoursAndWithoutItDoesNot() {
    var status = status(Phase.APPROVAL, RunState.WAITING, null, List.of(WAITING_GATE), List.of());

    assertThat(String.join("\n", new StatusScreen(true).render(status, null))).contains("\033[32m✓ preparation\033[0m");
    assertThat(render(status)).doesNotContain("\033[");
  }

  @Test
  void escapeSequencesInTheReleasesValuesNeverReachTheTerminal() {
    var hostile = status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(WAITING_GATE),
        List.of(event("2026-01-01T10:00:00Z", "smoke test said \u001b[2J\u001b[31mrollback done\u001b[0m\nfake line",
            "mallory\u001b]0;pwned\u0007")));

    String plain = render(hostile);
    String colored = String.join("\n", new StatusScreen(true).render(hostile, null));

    assertThat(plain).doesNotContain("\u001b").doesNotContain("\u0007")
        .contains("smoke test said [2J[31mrollback done[0m fake line (mallory]0;pwned)");
    // The colored screen keeps its own escape sequences and only those.
    assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).doesNotContain("\u001b");
    assertThat(colored).contains("smoke test said [2J[31mrollback done[0m fake line");
  }

  @Test
  void aDecisionGateShowsTheFailedStepItsErrorAndTheThreeChoicesAsCommands() {
    dev.deployflow.model.ReleaseStatus.GateStatus decision = new dev.deployflow.model.ReleaseStatus.GateStatus("decision",
        dev.deployflow.model.GateKind.DECISION, dev.deployflow.model.GateState.WAITING, List.of("bob", "erin"), List.of(), 1,
        "2026-01-01T10:30:00Z",
        List.of("deployflow retry shop-api --by bob", "deployflow skip shop-api --by bob --reason '<why>'",
            "deployflow rollback shop-api --by bob",
            "temporal workflow update execute --workflow-id deploy-shop-api --name retry --input '{\"by\":\"bob\"}'"),
        "smoke test checkout in production", "checkout: expected status 200, got 500");
    String screen = render(status(Phase.VERIFICATION, RunState.WAITING, null, List.of(decision),
        timeline("release started", PREPARED)));

    assertThat(screen).contains("decision: retry, skip or rollback")
        .contains("    failed: smoke test checkout in production: checkout: expected status 200, got 500\n")
        .contains("    $ deployflow retry shop-api --by bob\n")
        .contains("    $ deployflow skip shop-api --by bob --reason '<why>'\n")
        .contains("    $ deployflow rollback shop-api --by bob\n");
  }

  private String render(dev.deployflow.model.ReleaseStatus status) {
    return String.join("\n", text.render(status, null)) + "\n";
  }
}
