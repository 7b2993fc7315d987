package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.RunState;
import dev.deployflow.activity.DeployCheckActivities.DeployCheckResult;
import dev.deployflow.plan.WindowDecision;
import dev.deployflow.workflow.support.Histories;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deploy windows and freezes hold a release on a durable timer until production may be deployed
 * to, then it proceeds; {@code promote} does not skip them.
 */
class DeployWindowTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aReleaseOutsideTheWindowWaitsForItToOpen() {
    // Friday 2026-03-06 10:00 UTC; the window is Monday to Thursday, 09:00-16:00 in Berlin (UTC+1).
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().window("mon,tue,wed,thu", "09:00", "16:00", "Europe/Berlin").build(),
        Instant.parse("2026-03-06T10:00:00Z"));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseStatus held = harness.awaitWaiting("waiting to deploy to production");
    assertThat(held.phase()).isEqualTo(Phase.PRODUCTION_ROLLOUT);
    assertThat(held.state()).isEqualTo(RunState.WAITING);
    assertThat(held.currentStep()).contains("outside deploy window mon-thu 09:00-16:00 Europe/Berlin");
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("bob", true))))
        .startsWith("promote does not skip a deploy window or freeze");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.environment().equals("production")));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(firstProductionDeploy()).isAfterOrEqualTo(Instant.parse("2026-03-09T08:00:00Z"))
        .isBefore(Instant.parse("2026-03-09T08:01:00Z"));
    assertThat(events()).anyMatch(e -> e.startsWith("deploy window open: inside deploy window"));
  }

  /**
   * The window decision comes from history, not from the replaying worker's time-zone rules: the
   * deploy check's activity result holding the decision precedes the timer that waits for the
   * window, and the recorded decision is the one the timer waits for. No side-effect marker: in
   * replay the Java SDK resumes a side effect only when its marker is matched, which let an update's
   * answer timer land on the other side of it. Its history is recorded for {@link ReplayTest}.
   */
  @Test
  void theWindowDecisionIsRecordedInHistoryBeforeTheWindowTimer() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().window("mon,tue,wed,thu", "09:00", "16:00", "Europe/Berlin").build(),
        Instant.parse("2026-03-06T10:00:00Z"));
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    WorkflowExecutionHistory history = harness.history();

    List<HistoryEvent> events = history.getEvents();
    int timer = indexOf(events, e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED
        && Histories.summary(e).startsWith("deploy window of production opens at"));
    assertThat(timer).as("the window timer").isNotNegative();
    int completed = lastIndexBefore(events, timer, e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
        && activityType(events, e.getActivityTaskCompletedEventAttributes().getScheduledEventId()).equals("CheckDeploy"));
    assertThat(completed).as("a deploy check's result before the window timer").isNotNegative();

    DeployCheckResult recorded = DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(0,
        Optional.of(events.get(completed).getActivityTaskCompletedEventAttributes().getResult()),
        DeployCheckResult.class, DeployCheckResult.class);
    assertThat(recorded.window().open()).isFalse();
    assertThat(recorded.window().opensAt()).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
    assertThat(recorded.window().reason()).startsWith("outside deploy window mon-thu 09:00-16:00 Europe/Berlin; opens Mon 2026-03-09 09:00");
    assertThat(Histories.summary(events.get(timer))).isEqualTo("deploy window of production opens at " + recorded.window().opensAt());
    // The release's own short analyses record their reads as local-activity markers; no other marker may be there.
    assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .extracting(e -> e.getMarkerRecordedEventAttributes().getMarkerName())
        .as("no side-effect markers").allSatisfy(name -> assertThat(name).isEqualTo("LocalActivity"));
    Histories.recordIfAsked("window", history);
  }

  private static String activityType(List<HistoryEvent> events, long scheduledEventId) {
    return events.stream().filter(e -> e.getEventId() == scheduledEventId).findFirst()
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()).orElse("");
  }

  /** Temporal's default converter round-trips a decision, its instant (ISO-8601) and a missing one alike. */
  @Test
  void aWindowDecisionRoundTripsThroughTheDefaultConverter() {
    for (WindowDecision decision : List.of(
        new WindowDecision(false, Instant.parse("2026-03-09T08:00:00.123Z"), "outside deploy window"),
        new WindowDecision(false, null, "deploy window mon 09:00-10:00 UTC never opens"))) {
      var payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(decision).orElseThrow();
      assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, WindowDecision.class, WindowDecision.class))
          .isEqualTo(decision);
    }
  }

  @Test
  void aFreezeHoldsTheReleaseUntilItEndsAndTheWindowOpens() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval()
        .window("mon,tue,wed,thu", "09:00", "16:00", "Europe/Berlin")
        .freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseStatus held = harness.awaitWaiting("waiting to deploy to production");
    assertThat(held.currentStep()).contains("freeze 'holidays' until 2027-01-04T00:00:00Z");

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(firstProductionDeploy()).isAfterOrEqualTo(Instant.parse("2027-01-04T08:00:00Z"))
        .isBefore(Instant.parse("2027-01-04T08:01:00Z"));
    assertThat(events()).anyMatch(e -> e.startsWith("held for production: freeze 'holidays'"));
  }

  @Test
  void aCodeRollbackWhileHeldConcernsProductionAndLeavesStaging() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().window("mon", "09:00", "10:00", "UTC").build(),
        Instant.parse("2026-03-06T10:00:00Z"));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("waiting to deploy to production");
    workflow.rollback(new RollbackMessage("bob", "the freeze was extended", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.version().equals("1.1.0")));
    assertThat(harness.status().environments()).extracting(e -> e.name() + "=" + e.version())
        .containsExactly("staging=1.2.0", "production=null");
  }

  @Test
  void aWindowThatClosesDuringTheRolloutHoldsItAtItsWeightUntilItOpensAgain() {
    // Monday 2026-03-09 09:40 UTC; the window is Mondays 09:00-10:00 UTC; the canary pauses 30m.
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().window("mon", "09:00", "10:00", "UTC")
        .rollout(new dev.deployflow.pipeline.RolloutStep(10, "30m", java.util.List.of()),
            new dev.deployflow.pipeline.RolloutStep(100, null, java.util.List.of())).build(),
        Instant.parse("2026-03-09T09:40:00Z"));
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseStatus held = harness.skipUntil("held after the canary",
        s -> s.currentStep().startsWith("waiting to deploy to production"));
    assertThat(held.environments()).filteredOn(e -> e.name().equals("production")).singleElement()
        .satisfies(e -> assertThat(e.weight()).isEqualTo(10));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    Instant full = harness.status().timeline().stream()
        .filter(e -> e.event().equals("api 1.2.0 deployed to production at 100%"))
        .map(e -> Instant.parse(e.at())).findFirst().orElseThrow();
    assertThat(full).isAfterOrEqualTo(Instant.parse("2026-03-16T09:00:00Z")).isBefore(Instant.parse("2026-03-16T09:01:00Z"));
    assertThat(firstProductionDeploy()).isBefore(Instant.parse("2026-03-09T10:00:00Z"));
  }

  @Test
  void aPauseBetweenTheWindowCheckAndTheFirstDeployIsFollowedByAnotherCheck() {
    // Monday 2026-03-09 09:50 UTC; the window is Mondays 09:00-10:00 UTC. The release is paused while
    // it reads production's versions (after the window check), and resumed after the window closed.
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().window("mon", "09:00", "10:00", "UTC").build(),
        Instant.parse("2026-03-09T09:50:00Z"));
    java.util.concurrent.CountDownLatch probe = new java.util.concurrent.CountDownLatch(1);
    org.mockito.Mockito.when(harness.mocks.deploy.readCurrentVersion(argThat(r -> r != null && r.environment().equals("production"))))
        .thenAnswer(inv -> {
          probe.await(10, java.util.concurrent.TimeUnit.SECONDS);
          return new dev.deployflow.activity.DeployActivities.VersionResult("1.1.0");
        });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("read current version of api and web in production");
    workflow.pauseSignal(new dev.deployflow.model.PauseMessage("bob", "checking a dashboard"));
    harness.awaitStatus("paused", s -> s.state() == RunState.PAUSED);
    probe.countDown();
    harness.awaitQuiet();
    harness.sleep(java.time.Duration.ofMinutes(20));
    workflow.resume(new dev.deployflow.model.ResumeMessage("bob"));
    ReleaseStatus held = harness.awaitWaiting("waiting to deploy to production");
    assertThat(held.currentStep()).contains("outside deploy window");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.environment().equals("production")));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(firstProductionDeploy()).isAfterOrEqualTo(Instant.parse("2026-03-16T09:00:00Z"))
        .isBefore(Instant.parse("2026-03-16T09:01:00Z"));
  }

  @Test
  void aFullPromotionWhilePausedBeforeTheFirstStepStillWaitsForTheWindow() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().window("mon", "09:00", "10:00", "UTC").build(),
        Instant.parse("2026-03-09T09:50:00Z"));
    java.util.concurrent.CountDownLatch probe = new java.util.concurrent.CountDownLatch(1);
    org.mockito.Mockito.when(harness.mocks.deploy.readCurrentVersion(argThat(r -> r != null && r.environment().equals("production"))))
        .thenAnswer(inv -> {
          probe.await(10, java.util.concurrent.TimeUnit.SECONDS);
          return new dev.deployflow.activity.DeployActivities.VersionResult("1.1.0");
        });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("read current version of api and web in production");
    workflow.pauseSignal(new dev.deployflow.model.PauseMessage("bob", "checking a dashboard"));
    harness.awaitStatus("paused", s -> s.state() == RunState.PAUSED);
    probe.countDown();
    harness.awaitQuiet();
    harness.sleep(java.time.Duration.ofMinutes(20));
    workflow.promoteSignal(new PromoteMessage("bob", true));
    harness.awaitWaiting("waiting to deploy to production");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.environment().equals("production")));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    Instant full = harness.status().timeline().stream()
        .filter(e -> e.event().equals("api 1.2.0 deployed to production at 100%"))
        .map(e -> Instant.parse(e.at())).findFirst().orElseThrow();
    assertThat(full).isAfterOrEqualTo(Instant.parse("2026-03-16T09:00:00Z"));
  }

  private Instant firstProductionDeploy() {
    return harness.status().timeline().stream()
        .filter(e -> e.event().equals("api 1.2.0 deployed to production at 10%"))
        .map(e -> Instant.parse(e.at())).findFirst().orElseThrow();
  }

  private java.util.List<String> events() {
    return harness.status().timeline().stream().map(TimelineEvent::event).toList();
  }

  private static int indexOf(List<HistoryEvent> events, Predicate<HistoryEvent> match) {
    for (int i = 0; i < events.size(); i++) {
      if (match.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexBefore(List<HistoryEvent> events, int end, Predicate<HistoryEvent> match) {
    for (int i = end - 1; i >= 0; i--) {
      if (match.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
