package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
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
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * breakGlass passes the production environment's own freezes ({@code environments[].freezes}) as it
 * passes the calendar's: for a hotfix, from a production approver, recorded in the timeline, the
 * release log and the post-mortem. A standard release still waits, a deploy window is never passed,
 * and a breakGlass sent before a freeze holds the hotfix is refused, not remembered.
 */
class PipelineFreezeBreakGlassTest {
  private static final String HOLIDAYS = "freeze 'holidays' until 2027-01-04T00:00:00Z";
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private static ReleaseRequest hotfix(String application) {
    return new ReleaseRequest(application, "1.2.1", TestPipelines.APP, ReleaseKind.HOTFIX, null, "alice", null, null);
  }

  @Test
  void aHotfixHeldByAPipelineFreezePassesWithBreakGlassFromAnApproverRecorded() {
    harness = new ReleaseHarness(TestPipelines.standard().freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"));
    DeploymentWorkflow workflow = harness.start(hotfix(TestPipelines.APP));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    assertThat(harness.awaitWaiting("waiting to deploy to production: freeze").currentStep())
        .isEqualTo("waiting to deploy to production: " + HOLIDAYS + "; a production approver may send breakGlass");
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.environment().equals("production")));

    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("erin", "customers down"))))
        .isEqualTo("erin may not break the glass for shop 1.2.1: breakGlass is for the approvers of gate 'production' (bob, carol, dave)");
    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("alice", "customers down"))))
        .startsWith("alice may not break the glass for shop 1.2.1: ");
    // The same refusal by signal is listed, and the hotfix stays held.
    workflow.breakGlassSignal(new BreakGlassMessage("erin", "customers down"));
    harness.awaitStatus("the refused signal listed", s -> s.rejectedMessages().stream().anyMatch(r -> "breakGlass".equals(r.name())));
    assertThat(harness.status().currentStep()).startsWith("waiting to deploy to production: " + HOLIDAYS);

    ReleaseStatus passed = workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down for everyone"));
    String broke = "broke the glass: the hotfix passes production's " + HOLIDAYS + ": checkout is down for everyone";
    assertThat(passed.timeline()).anyMatch(e -> e.event().equals(broke) && "carol".equals(e.by()));
    harness.awaitPhase(Phase.STABILITY);
    // Deployed inside the freeze, and once: the freeze stays passed for every later step of production.
    assertThat(at("api 1.2.1 deployed to production at 100%")).isBefore(Instant.parse("2026-12-23T00:00:00Z"));
    assertThat(events()).filteredOn(e -> e.startsWith("broke the glass")).hasSize(1);
    harness.awaitQuiet();
    workflow.rollback(new RollbackMessage("alice", "stability looks wrong", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);

    ArgumentCaptor<ReleaseLogEntry> log = ArgumentCaptor.forClass(ReleaseLogEntry.class);
    verify(harness.mocks.releaseLog).appendReleaseLog(log.capture());
    assertThat(log.getValue().timeline()).anyMatch(e -> e.event().equals(broke));
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().decidedBy()).contains("carol: " + broke);
  }

  @Test
  void aStandardReleaseHeldByThePipelineFreezeIsRefusedWhileAHotfixOfTheSamePipelinePasses() {
    harness = new ReleaseHarness(TestPipelines.standard().applications(TestPipelines.APP, "billing")
        .freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"));
    DeploymentWorkflow standard = harness.start(new ReleaseRequest(TestPipelines.APP, "1.2.0", TestPipelines.APP,
        ReleaseKind.STANDARD, null, "alice", null, null));
    client().start(hotfix("billing"));
    DeploymentWorkflow billing = harness.client().newWorkflowStub(DeploymentWorkflow.class, ReleaseRequest.workflowIdFor("billing"));
    harness.skipUntilGate("production");
    standard.approve(new ApproveMessage("bob", "production", null));
    awaitBilling("its gate", s -> s.gates().stream().anyMatch(g -> g.name().equals("production") && "waiting".equals(String.valueOf(g.state()))));
    billing.approve(new ApproveMessage("bob", "production", null));
    harness.awaitWaiting("waiting to deploy to production: " + HOLIDAYS);
    awaitBilling("held by the freeze", s -> s.currentStep().startsWith("waiting to deploy to production: " + HOLIDAYS));

    assertThat(refusal(harness, () -> standard.breakGlass(new BreakGlassMessage("bob", "urgent"))))
        .isEqualTo("breakGlass is only for hotfixes: shop 1.2.0 is a standard release and waits until the freeze lifts");
    billing.breakGlass(new BreakGlassMessage("bob", "invoices are wrong"));
    ReleaseStatus hotfixDeployed = awaitBilling("the hotfix deployed to production",
        s -> s.timeline().stream().anyMatch(e -> e.event().equals("api 1.2.1 deployed to production at 100%")));
    assertThat(hotfixDeployed.timeline()).anyMatch(e -> e.event().startsWith("broke the glass: the hotfix passes production's " + HOLIDAYS));
    // The standard release still waits for the freeze to end.
    assertThat(harness.status().currentStep()).startsWith("waiting to deploy to production: " + HOLIDAYS);
    verify(harness.mocks.deploy, never()).deploy(argThat(d -> d != null && d.application().equals(TestPipelines.APP)
        && d.environment().equals("production")));
  }

  /**
   * Friday evening, outside the window, before the holiday freeze: breakGlass is refused (the window
   * holds the hotfix, and no freeze does yet), and not remembered. The hotfix looks again when the
   * freeze starts; from then on the freeze holds it and breakGlass passes it, but not the window.
   */
  @Test
  void aBreakGlassBeforeTheFreezeHoldsIsRefusedAndTheWindowIsNeverPassed() {
    harness = new ReleaseHarness(TestPipelines.standard().window("mon,tue,wed,thu", "09:00", "16:00", "Europe/Berlin")
        .freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-18T15:30:00Z"));
    DeploymentWorkflow workflow = harness.start(hotfix(TestPipelines.APP));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    assertThat(harness.awaitWaiting("waiting to deploy to production: outside deploy window").currentStep())
        .contains("then " + HOLIDAYS);
    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down"))))
        .isEqualTo("no freeze holds shop 1.2.1 now; breakGlass passes the freezes that hold a hotfix");

    harness.sleep(Duration.ofHours(33));
    assertThat(harness.awaitWaiting("waiting to deploy to production: " + HOLIDAYS).currentStep())
        .contains(", then outside deploy window mon-thu 09:00-16:00 Europe/Berlin")
        .endsWith("; a production approver may send breakGlass");
    workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down"));
    assertThat(harness.awaitWaiting("waiting to deploy to production: outside deploy window").currentStep())
        .doesNotContain("freeze");

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    // On Monday at 09:00 in Berlin, when the window opens, not on Sunday when the glass was broken.
    assertThat(at("api 1.2.1 deployed to production at 100%")).isAfterOrEqualTo(Instant.parse("2026-12-21T08:00:00Z"))
        .isBefore(Instant.parse("2026-12-21T08:01:00Z"));
    assertThat(events()).filteredOn(e -> e.startsWith("broke the glass")).singleElement()
        .isEqualTo("broke the glass: the hotfix passes production's " + HOLIDAYS + ": checkout is down");
  }

  @Test
  void oneBreakGlassPassesTheCalendarsFreezeAndThePipelinesTogether() {
    harness = new ReleaseHarness(TestPipelines.standard().freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"));
    Freeze calendar = client().freeze(new FreezeMessage("erin", "incident review", null, null));
    DeploymentWorkflow workflow = harness.start(hotfix(TestPipelines.APP));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    String both = HOLIDAYS + "; held by freeze freeze-1 (incident review, by erin, until unfrozen)";
    assertThat(harness.awaitWaiting("held by freeze freeze-1").currentStep())
        .isEqualTo("waiting to deploy to production: " + both + "; a production approver may send breakGlass");
    assertThat(events()).contains("held for production: " + both);

    workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down"));
    harness.awaitPhase(Phase.STABILITY);
    assertThat(events()).filteredOn(e -> e.startsWith("broke the glass")).containsExactly(
        "broke the glass: the hotfix passes production's " + HOLIDAYS
            + " and freeze freeze-1 (incident review, by erin, until unfrozen): checkout is down");
    assertThat(at("api 1.2.1 deployed to production at 100%")).isBefore(Instant.parse("2026-12-23T00:00:00Z"));
    // Both freezes still stand for everyone else.
    assertThat(client().freezes()).extracting(Freeze::id).containsExactly(calendar.id());
  }

  /**
   * A pipeline freeze belongs to its environment: the glass broken for the first wave's freeze does
   * not pass the second wave's own, which holds the hotfix again until an approver breaks it there.
   */
  @Test
  void eachWavesOwnFreezeNeedsItsOwnBreakGlass() {
    harness = new ReleaseHarness(TestPipelines.standard()
        .freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays")
        .wave("production-eu", null, null, new RolloutStep(100, null, List.of()))
        .freeze("production-eu", "2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"));
    DeploymentWorkflow workflow = harness.start(hotfix(TestPipelines.APP));
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    harness.awaitWaiting("waiting to deploy to production: " + HOLIDAYS);
    workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down"));

    harness.sleep(Duration.ofHours(3));
    assertThat(harness.awaitWaiting("waiting to deploy to production-eu: " + HOLIDAYS).currentStep())
        .endsWith("; a production approver may send breakGlass");
    assertThat(events()).contains("api 1.2.1 deployed to production at 100%").doesNotContain("api 1.2.1 deployed to production-eu at 100%");
    assertThat(refusal(harness, () -> workflow.breakGlass(new BreakGlassMessage("erin", "checkout is down"))))
        .startsWith("erin may not break the glass for shop 1.2.1: ");
    workflow.breakGlass(new BreakGlassMessage("dave", "checkout is down in the EU too"));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(at("api 1.2.1 deployed to production-eu at 100%")).isBefore(Instant.parse("2026-12-23T00:00:00Z"));
    assertThat(harness.status().timeline()).filteredOn(e -> e.event().startsWith("broke the glass"))
        .extracting(e -> e.by() + ": " + e.event()).containsExactly(
            "carol: broke the glass: the hotfix passes production's " + HOLIDAYS + ": checkout is down",
            "dave: broke the glass: the hotfix passes production-eu's " + HOLIDAYS + ": checkout is down in the EU too");
  }

  private ReleaseClient client() {
    return new ReleaseClient(harness.client(), DeploymentWorkflow.TASK_QUEUE);
  }

  private ReleaseStatus awaitBilling(String what, Predicate<ReleaseStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    ReleaseStatus last = null;
    while (System.nanoTime() < deadline) {
      last = client().status("billing");
      if (last.currentStep() != null && condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("billing never reached " + what + "; last: " + (last == null ? null : last.currentStep()));
  }

  private Instant at(String event) {
    return harness.status().timeline().stream().filter(e -> e.event().equals(event))
        .map(e -> Instant.parse(e.at())).findFirst().orElseThrow(() -> new AssertionError("no event '" + event + "'"));
  }

  private List<String> events() {
    return harness.status().timeline().stream().map(TimelineEvent::event).toList();
  }
}
