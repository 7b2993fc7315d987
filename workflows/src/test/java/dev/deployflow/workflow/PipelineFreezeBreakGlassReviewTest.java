package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;

import dev.deployflow.activity.DeployCheckActivities.DeployCheck;
import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * A review of breakGlass for production's own freezes: inputs and interleavings that the change's
 * own tests leave out. Each test states what README.md ("Stop the line") promises.
 */
class PipelineFreezeBreakGlassReviewTest {
  private static final String HOLIDAYS = "freeze 'holidays' until 2027-01-04T00:00:00Z";
  private ReleaseHarness harness;
  private final Gate gate = new Gate();

  @AfterEach
  void close() {
    gate.open();
    if (harness != null) {
      harness.close();
    }
  }

  private static ReleaseRequest hotfix() {
    return new ReleaseRequest(TestPipelines.APP, "1.2.1", TestPipelines.APP, ReleaseKind.HOTFIX, null, "alice", null, null);
  }

  /**
   * README: breakGlass passes the freezes the step names. A calendar freeze placed while
   * production's own freeze holds the hotfix is not yet known to the release (nothing wakes it for
   * a new freeze): the first breakGlass passes the pipeline freeze, the next check finds the
   * calendar's and names it, and a second breakGlass passes that one too.
   */
  @Test
  void aCalendarFreezePlacedWhileAPipelineFreezeHoldsIsNamedAndPassedByTheNextBreakGlass() {
    harness = new ReleaseHarness(TestPipelines.standard().freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"));
    DeploymentWorkflow workflow = harness.start(hotfix());
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    harness.awaitWaiting("waiting to deploy to production: " + HOLIDAYS);
    client().freeze(new FreezeMessage("erin", "incident review", null, null));

    workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down"));
    harness.awaitWaiting("waiting to deploy to production: held by freeze freeze-1");
    workflow.breakGlass(new BreakGlassMessage("carol", "checkout is still down"));
    harness.awaitPhase(Phase.STABILITY);
    assertThat(brokeTheGlass()).hasSize(2).satisfiesExactly(
        first -> assertThat(first).contains("holidays").doesNotContain("freeze-1"),
        second -> assertThat(second).contains("freeze-1"));
  }

  /**
   * The same promise while the window itself is closed (a Sunday inside the holiday freeze): the
   * deploy check then skips the calendar, so the step names production's freeze only, breakGlass
   * passes only that, and on Monday when the window opens the calendar's freeze (placed before the
   * release started) holds the hotfix again.
   */
  @Test
  void aCalendarFreezeIsPassedWithThePipelineFreezeWhileTheWindowItselfIsClosed() {
    harness = new ReleaseHarness(TestPipelines.standard().window("mon,tue,wed,thu", "09:00", "16:00", "Europe/Berlin")
        .freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-18T15:30:00Z"));
    client().freeze(new FreezeMessage("erin", "incident review", null, null));
    DeploymentWorkflow workflow = harness.start(hotfix());
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    harness.awaitWaiting("waiting to deploy to production: outside deploy window");
    harness.sleep(Duration.ofHours(33));
    // Sunday 00:30 UTC: production's freeze holds the hotfix, and so does the calendar's.
    harness.awaitWaiting("waiting to deploy to production: " + HOLIDAYS);
    workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down"));
    assertThat(brokeTheGlass()).singleElement().asString().contains("freeze-1");
  }

  /**
   * A second breakGlass sent while the release checks again after the first (two approvers in the
   * same incident) is accepted on the state of the check before: the timeline, release log and
   * post-mortem then say twice that the glass was broken for the same freeze.
   */
  @Test
  void aSecondBreakGlassWhileTheReleaseChecksAgainIsRefused() {
    harness = new ReleaseHarness(TestPipelines.standard().freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"), gate.holding(args -> args.length == 1 && args[0] instanceof DeployCheck));
    DeploymentWorkflow workflow = harness.start(hotfix());
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    harness.awaitWaiting("waiting to deploy to production: " + HOLIDAYS);

    gate.arm();
    workflow.breakGlassSignal(new BreakGlassMessage("carol", "checkout is down"));
    gate.awaitEntered();
    sendWhileBusy(() -> workflow.breakGlass(new BreakGlassMessage("dave", "checkout is down")));
    gate.open();
    harness.awaitPhase(Phase.STABILITY);
    assertThat(brokeTheGlass()).as("the glass was broken once").hasSize(1);
  }

  /**
   * A rollback interrupts the hold, but the release still counts as held by the freeze: a
   * breakGlass sent while it rolls back is accepted, recorded as passing the freeze in the timeline
   * and the post-mortem of a release that never deployed to production.
   */
  @Test
  void aBreakGlassWhileTheHeldHotfixRollsBackIsRefused() {
    harness = new ReleaseHarness(TestPipelines.standard().freeze("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays").build(),
        Instant.parse("2026-12-22T10:00:00Z"), gate.holding(args -> true));
    DeploymentWorkflow workflow = harness.start(hotfix());
    harness.awaitGate("production");
    workflow.approve(new ApproveMessage("carol", "production", null));
    harness.awaitWaiting("waiting to deploy to production: " + HOLIDAYS);

    gate.arm();
    workflow.rollbackSignal(new RollbackMessage("alice", "we fix it differently", RollbackLevel.FULL));
    gate.awaitEntered();
    sendWhileBusy(() -> workflow.breakGlass(new BreakGlassMessage("carol", "checkout is down")));
    gate.open();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(brokeTheGlass()).as("a glass broken during the rollback").isEmpty();
    ArgumentCaptor<PostMortem> postMortem = ArgumentCaptor.forClass(PostMortem.class);
    verify(harness.mocks.releaseLog).writePostMortem(postMortem.capture());
    assertThat(postMortem.getValue().decidedBy()).noneMatch(d -> d.contains("broke the glass"));
  }

  /** Sends an update while the release is busy; refused or accepted, the test judges what was recorded. */
  private static void sendWhileBusy(Runnable update) {
    try {
      update.run();
    } catch (WorkflowUpdateException refused) {
      // Refused: nothing recorded, which is what the test expects.
    }
  }

  private List<String> brokeTheGlass() {
    return harness.status().timeline().stream().map(TimelineEvent::event).filter(e -> e.startsWith("broke the glass")).toList();
  }

  private ReleaseClient client() {
    return new ReleaseClient(harness.client(), DeploymentWorkflow.TASK_QUEUE);
  }

  /**
   * Holds the first matching activity that starts after {@link #arm} until {@link #open}, so that a
   * test can send a message while the release is busy in it.
   */
  private static final class Gate {
    private volatile boolean armed;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    void arm() {
      armed = true;
    }

    void open() {
      opened.countDown();
    }

    void awaitEntered() {
      try {
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the held activity started").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    WorkerInterceptorBase holding(Predicate<Object[]> matches) {
      return new WorkerInterceptorBase() {
        @Override
        public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
          return new ActivityInboundCallsInterceptorBase(next) {
            @Override
            public ActivityOutput execute(ActivityInput input) {
              if (armed && matches.test(input.getArguments())) {
                armed = false;
                entered.countDown();
                try {
                  opened.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return super.execute(input);
            }
          };
        }
      };
    }
  }
}
