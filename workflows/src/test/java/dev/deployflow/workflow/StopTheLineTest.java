package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.model.UnfreezeMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Stop the line: a freeze of the calendar holds a release before its production deploy, durably;
 * the calendar's signal wakes it when the freeze lifts or expires; a production approver lets a
 * hotfix pass with breakGlass, recorded in the timeline, the release log and the post-mortem.
 * The freeze check is the real activity against the real calendar; the rest is mocked.
 */
class StopTheLineTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private ReleaseClient client() {
    return new ReleaseClient(harness.client(), DeploymentWorkflow.TASK_QUEUE);
  }

  @Test
  void aFreezePlacedAtTheApprovalGateHoldsTheReleaseUntilItIsLifted() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    Freeze freeze = client().freeze(new FreezeMessage("erin", "holiday code freeze", null, null));
    assertThat(freeze.id()).isEqualTo("freeze-1");
    workflow.approve(new ApproveMessage("bob", null, null));

    ReleaseStatus held = harness.awaitWaiting("held by freeze");
    assertThat(held.phase()).isEqualTo(Phase.PRODUCTION_ROLLOUT);
    assertThat(held.state()).isEqualTo(RunState.WAITING);
    assertThat(held.currentStep()).isEqualTo("waiting to deploy to production: held by freeze freeze-1"
        + " (holiday code freeze, by erin, until unfrozen)");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.environment().equals("production")));
    assertThat(refusal(harness, () -> workflow.promote(new PromoteMessage("bob", false))))
        .startsWith("promote does not skip a deploy window or freeze (held by freeze freeze-1");
    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("bob", "urgent"))))
        .isEqualTo("breakGlass is only for hotfixes: shop 1.2.0 is a standard release and waits until the freeze lifts");

    client().unfreeze(new UnfreezeMessage("erin", freeze.id()));
    // Time does not pass while the test polls: only the calendar's wake-up can move the release.
    harness.awaitStatus("the release moved past the freeze",
        s -> s.currentStep() != null && !s.currentStep().contains("held by freeze"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(events()).contains("held by freeze freeze-1 (holiday code freeze, by erin, until unfrozen)",
        "no freeze holds shop any more; the production rollout goes ahead");
    assertThat(client().freezes()).isEmpty();
  }

  @Test
  void aFreezeThatExpiresAtItsUntilLetsTheReleaseContinue() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build(), Instant.parse("2026-12-23T10:00:00Z"));
    Freeze freeze = client().freeze(new FreezeMessage("erin", "year-end", "2026-12-23T16:00:00Z", List.of("shop")));
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.awaitWaiting("held by freeze").currentStep()).contains("until 2026-12-23T16:00:00Z");

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    TimelineEvent lifted = harness.status().timeline().stream()
        .filter(e -> e.event().startsWith("no freeze holds shop")).findFirst().orElseThrow();
    assertThat(Instant.parse(lifted.at())).isAfterOrEqualTo(Instant.parse(freeze.until()))
        .isBefore(Instant.parse("2026-12-23T16:00:02Z"));
    assertThat(client().freezes()).isEmpty();
  }

  @Test
  void aFreezeOfAnotherApplicationDoesNotHold() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    client().freeze(new FreezeMessage("erin", "billing only", null, List.of("billing")));
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(events()).noneMatch(e -> e.startsWith("held by freeze"));
  }

  @Test
  void aBreakGlassHotfixPassesTheFreezeAndIsRecorded() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    client().freeze(new FreezeMessage("erin", "incident review", null, null));
    ReleaseRequest hotfix = new ReleaseRequest(TestPipelines.APP, "1.2.1", null, ReleaseKind.HOTFIX, null, "alice", null, null);
    DeploymentWorkflow workflow = harness.start(hotfix);
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    assertThat(harness.awaitWaiting("held by freeze").currentStep())
        .endsWith("; a production approver may send breakGlass");

    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("erin", "customers down"))))
        .isEqualTo("erin may not break the glass for shop 1.2.1: breakGlass is for the approvers of gate 'production' (bob, carol, dave)");
    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("alice", "customers down"))))
        .startsWith("alice may not break the glass for shop 1.2.1: ");
    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("carol", " "))))
        .isEqualTo("reason: is required; say why the hotfix may not wait for the freeze to lift");

    ReleaseStatus passed = workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down for everyone"));
    assertThat(passed.timeline()).anyMatch(e -> e.event().equals("broke the glass: the hotfix passes freeze freeze-1"
        + " (incident review, by erin, until unfrozen): checkout is down for everyone") && "carol".equals(e.by()));
    harness.awaitStatus("the hotfix moved on", s -> s.currentStep() != null && !s.currentStep().contains("held by freeze"));
    harness.awaitPhase(Phase.STABILITY);
    verify(harness.mocks.deploy, atLeastOnce()).deploy(argThat(d -> d != null && d.environment().equals("production")));
    harness.awaitQuiet();
    workflow.rollback(new RollbackMessage("alice", "stability looks wrong", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);

    ArgumentCaptor<ReleaseLogEntry> log = ArgumentCaptor.forClass(ReleaseLogEntry.class);
    verify(harness.mocks.releaseLog).appendReleaseLog(log.capture());
    assertThat(log.getValue().timeline()).anyMatch(e -> e.event().startsWith("broke the glass: the hotfix passes freeze freeze-1"));
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().decidedBy()).anyMatch(d -> d.startsWith("carol: broke the glass"));
    // The freeze still stands for everyone else.
    assertThat(client().freezes()).extracting(Freeze::id).containsExactly("freeze-1");
  }

  @Test
  void twentyHeldReleasesAllResumeAfterOneUnfreeze() {
    String[] apps = new String[20];
    for (int i = 0; i < apps.length; i++) {
      apps[i] = "app-" + i;
    }
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability().applications(apps).build());
    Freeze freeze = client().freeze(new FreezeMessage("erin", "stop everything", null, null));
    for (String app : apps) {
      client().start(new ReleaseRequest(app, "1.2.0", TestPipelines.APP, ReleaseKind.STANDARD, null, "alice", null, null));
    }
    for (String app : apps) {
      awaitStep(app, "held by freeze " + freeze.id());
    }
    client().unfreeze(new UnfreezeMessage("erin", freeze.id()));
    for (String app : apps) {
      awaitStep(app, "", s -> !s.currentStep().contains("held by freeze"));
    }
    for (String app : apps) {
      assertThat(client().awaitResult(app, java.time.Duration.ofMinutes(1)).outcome()).as(app).isEqualTo(Outcome.SUCCEEDED);
    }
  }

  private void awaitStep(String app, String text) {
    awaitStep(app, text, s -> s.currentStep().contains(text));
  }

  private void awaitStep(String app, String what, java.util.function.Predicate<ReleaseStatus> condition) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    ReleaseStatus last = null;
    while (System.nanoTime() < deadline) {
      last = client().status(app);
      if (last.currentStep() != null && condition.test(last)) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(app + " never reached '" + what + "'; last: " + (last == null ? null : last.currentStep()));
  }

  private List<String> events() {
    return harness.status().timeline().stream().map(TimelineEvent::event).toList();
  }
}
