package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.workflow.support.Histories;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Components in a dependency graph ({@link TestPipelines#graph}: web and worker depend on api):
 * web and worker deploy at the same time once api has; a failure of worker cancels web, waits for
 * its cancellation and rolls back worker, web and api in reverse order; under {@code onFailure:
 * ask} one decision gate holds and a retry runs the failed and the cancelled component again; a
 * rollback waits for every running deploy of the layer.
 *
 * <p>The deploy activity here records when each call starts and ends; a held call heartbeats, as
 * the real one does, and sees a cancellation at its next heartbeat.
 */
class ComponentGraphReleaseTest {
  private static final String VERSION = "1.2.0";
  private ReleaseHarness harness;
  /** What the deploy calls did, in order: {@code start web 1.2.0 production 10}, {@code end …}, {@code cancelled …}. */
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final List<String> keys = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    release.countDown();
    harness.close();
  }

  @Test
  void webAndWorkerDeployAtTheSameTimeOnlyAfterApiAndTheStatusNamesBoth() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().graph().noApproval().build());
    CountDownLatch both = latch("staging", 2);
    answer(request -> {
      if (request.environment().equals("staging") && !request.component().equals("api")) {
        both.countDown();
        hold(request, false);
      }
      return null;
    });
    harness.start(ReleaseHarness.request(VERSION));

    assertThat(both.await(10, TimeUnit.SECONDS)).as("web and worker were both being deployed at once").isTrue();
    ReleaseStatus running = harness.awaitStep("deploy web and worker " + VERSION + " to staging at 100%");
    assertThat(running.currentStep()).isEqualTo("deploy web and worker 1.2.0 to staging at 100%");
    release.countDown();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    for (String env : List.of("staging", "production")) {
      int weight = env.equals("staging") ? 100 : 10;
      // api's deploy ended before web's and worker's began; both began before either ended.
      assertThat(calls).containsSubsequence(call("end", "api", env, weight), call("start", "web", env, weight));
      assertThat(calls).containsSubsequence(call("end", "api", env, weight), call("start", "worker", env, weight));
    }
    assertThat(calls.indexOf(call("start", "web", "staging", 100)))
        .isLessThan(calls.indexOf(call("end", "worker", "staging", 100)));
    assertThat(calls.indexOf(call("start", "worker", "staging", 100)))
        .isLessThan(calls.indexOf(call("end", "web", "staging", 100)));
    // In the release's history too: both deploys were scheduled before either completed.
    List<HistoryEvent> events = harness.history().getEvents();
    String web = "deploy web " + VERSION + " to staging at 100%";
    String worker = "deploy worker " + VERSION + " to staging at 100%";
    assertThat(scheduled(events, worker)).isLessThan(completed(events, web));
    assertThat(scheduled(events, web)).isLessThan(completed(events, worker));
  }

  @Test
  void aFailedWorkerCancelsWebWaitsForItAndRollsBackWorkerWebAndApiInReverseOrder() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().graph().noApproval().build());
    CountDownLatch webArrived = latch("production-web", 1);
    List<String> compensations = Collections.synchronizedList(new ArrayList<>());
    when(harness.mocks.commands.runCommand(any())).thenAnswer(inv -> {
      CommandRequest request = inv.getArgument(0);
      if (request != null && request.summary().startsWith("undo migration")) {
        compensations.add(request.summary());
      }
      return new CommandResult(0, "ok", 5);
    });
    answer(request -> {
      boolean canary = request.environment().equals("production") && request.version().equals(VERSION);
      if (!canary) {
        if (request.version().equals(MockPrevious.VERSION)) {
          compensations.add("deploy " + request.component() + " " + request.version() + " to " + request.environment());
        }
        return null;
      }
      if (request.component().equals("web")) {
        webArrived.countDown();
        hold(request, true);
      } else if (request.component().equals("worker")) {
        // Fails while web's call is being served.
        await(webArrived);
        throw ApplicationFailure.newNonRetryableFailure("HTTP 500 from the worker's deploy hook", "DeployFailed");
      }
      return null;
    });
    harness.start(ReleaseHarness.request(VERSION));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(calls).contains(call("cancelled", "web", "production", 10));
    // web's cancelled call ended before the first compensation ran.
    assertThat(calls.indexOf(call("end", "web", "production", 10))).isNotNegative()
        .isLessThan(calls.indexOf("start worker 1.1.0 production 100"));
    assertThat(compensations).containsExactly("deploy worker 1.1.0 to production", "deploy web 1.1.0 to production",
        "deploy api 1.1.0 to production", "undo migration of api in production");
    ReleaseStatus status = harness.status();
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("deploy of worker failed: HTTP 500 from the worker's deploy hook; cancelling the deploy of web");
    assertThat(status.compensations()).extracting(c -> c.action() + ": " + c.state().json()).contains(
        "deploy web 1.1.0 to production (previous version): done",
        "deploy worker 1.1.0 to production (previous version): done");
  }

  @Test
  void underOnFailureAskOneDecisionHoldsAndARetryRunsTheFailedAndTheCancelledComponentAgain() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().graph().noApproval()
        .onFailure(TestPipelines.PRODUCTION, "ask", null).build());
    CountDownLatch webArrived = latch("production-web", 1);
    answer(request -> {
      boolean canary = request.environment().equals("production") && request.weight() == 10;
      if (!canary) {
        return null;
      }
      keys.add(request.component() + " " + request.idempotencyKey());
      int attempt = attempts.computeIfAbsent(request.component(), c -> new AtomicInteger()).incrementAndGet();
      if (request.component().equals("web") && attempt == 1) {
        webArrived.countDown();
        hold(request, true);
      } else if (request.component().equals("worker") && attempt == 1) {
        await(webArrived);
        throw ApplicationFailure.newNonRetryableFailure("HTTP 409: a deploy is already running", "DeployConflict");
      }
      return null;
    });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request(VERSION));

    ReleaseStatus waiting = harness.skipUntilGate(GuidedFailure.DECISION_GATE);
    assertThat(waiting.gates()).filteredOn(g -> g.kind() == GateKind.DECISION).singleElement()
        .satisfies(g -> assertThat(g.step()).isEqualTo("deploy of worker 1.2.0 to production at 10%"));
    assertThat(calls).contains(call("cancelled", "web", "production", 10));
    workflow.retry(new RetryMessage("erin"));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().gates()).filteredOn(g -> g.kind() == GateKind.DECISION).hasSize(1);
    assertThat(attempts.get("web")).hasValue(2);
    assertThat(attempts.get("worker")).hasValue(2);
    List<String> web = keys.stream().filter(k -> k.startsWith("web ")).toList();
    List<String> worker = keys.stream().filter(k -> k.startsWith("worker ")).toList();
    // The interrupted web step runs again as the same step; the failed worker step with a fresh key.
    assertThat(web).hasSize(2).containsOnly(web.get(0));
    assertThat(worker).hasSize(2).doesNotHaveDuplicates();
    assertThat(worker.get(1)).isEqualTo(worker.get(0).replace("/deploy", "/retry-1/deploy"));
  }

  @Test
  void aRollbackWaitsForEveryRunningDeployOfTheLayer() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().graph().noApproval().build());
    CountDownLatch both = latch("staging", 2);
    answer(request -> {
      if (request.environment().equals("staging") && request.version().equals(VERSION)
          && !request.component().equals("api")) {
        both.countDown();
        hold(request, false);
      }
      return null;
    });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request(VERSION));
    assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
    harness.awaitStep("deploy web and worker");

    workflow.rollbackSignal(new RollbackMessage("erin", "wrong build", RollbackLevel.CODE));
    harness.awaitStep("waiting for the running deploy of web and deploy of worker to end before rolling back");
    // The calls are let go only once each has seen its cancellation: until then the child's
    // workflow task that cancels the activity may be in flight, and the in-memory test server
    // refuses that task when the activity completed meanwhile (ACTIVITY_UNKNOWN), which leaves
    // the child, and with it the release, waiting forever (see ReleaseHarness#awaitWaiting).
    awaitCall(call("cancelled", "web", "staging", 100));
    awaitCall(call("cancelled", "worker", "staging", 100));
    // Both deploys know of the rollback and the release has settled, yet it compensates nothing
    // while their calls still run.
    harness.awaitQuiet();
    assertThat(harness.status().currentStep())
        .isEqualTo("waiting for the running deploy of web and deploy of worker to end before rolling back");
    assertThat(calls).noneMatch(c -> c.contains(" 1.1.0 "));
    release.countDown();

    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    int lastEnd = Math.max(calls.indexOf(call("end", "web", "staging", 100)), calls.indexOf(call("end", "worker", "staging", 100)));
    int firstUndo = calls.indexOf(call("start", "worker", "staging", 100).replace(VERSION, "1.1.0"));
    assertThat(lastEnd).isNotNegative();
    assertThat(firstUndo).isGreaterThan(lastEnd);
  }

  // ---- the deploy activity ------------------------------------------------------------------

  /** Names the previous version the mocks report, for readability. */
  private static final class MockPrevious {
    static final String VERSION = dev.deployflow.workflow.support.MockActivities.PREVIOUS;
  }

  private interface Behaviour {
    Void apply(DeployRequest request) throws Exception;
  }

  /** Every deploy is recorded as it starts and ends; {@code behaviour} may hold or fail it. */
  private void answer(Behaviour behaviour) {
    when(harness.mocks.deploy.deploy(any())).thenAnswer(inv -> {
      DeployRequest request = inv.getArgument(0);
      if (request == null) {
        return null;
      }
      calls.add(call("start", request));
      try {
        behaviour.apply(request);
      } finally {
        calls.add(call("end", request));
      }
      return new DeployResult("deployed");
    });
  }

  /**
   * Holds the call, heartbeating, until the test releases it or ({@code untilCancelled}) until it
   * sees its cancellation; a cancelled call still ends (its request was sent), then reports the
   * cancellation.
   */
  private void hold(DeployRequest request, boolean untilCancelled) throws InterruptedException {
    boolean cancelled = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        if (!cancelled) {
          Activity.getExecutionContext().heartbeat(null);
        }
      } catch (ActivityCanceledException e) {
        cancelled = true;
        calls.add(call("cancelled", request));
        if (untilCancelled) {
          // The call it sent takes a moment more to answer; the release must wait for it.
          Thread.sleep(300);
          break;
        }
      }
      if (release.await(20, TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    if (cancelled) {
      throw new ActivityCanceledException(Activity.getExecutionContext().getInfo());
    }
  }

  /** Waits (10 s of real time at most) until the deploy calls record that one. */
  private void awaitCall(String call) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!calls.contains(call) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(calls).as("the deploy calls").contains(call);
  }

  private CountDownLatch latch(String name, int count) {
    return arrived.computeIfAbsent(name, n -> new CountDownLatch(count));
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static String call(String what, DeployRequest r) {
    return call(what, r.component(), r.environment(), r.weight()).replace(VERSION, r.version());
  }

  private static String call(String what, String component, String environment, int weight) {
    return what + " " + component + " " + VERSION + " " + environment + " " + weight;
  }

  /** The index of the first activity scheduled with the summary. */
  private static int scheduled(List<HistoryEvent> events, String summary) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && Histories.summary(events.get(i)).equals(summary)) {
        return i;
      }
    }
    throw new AssertionError("no activity " + summary);
  }

  /** The index of the completion of the first activity scheduled with the summary. */
  private static int completed(List<HistoryEvent> events, String summary) {
    long id = events.get(scheduled(events, summary)).getEventId();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
          && events.get(i).getActivityTaskCompletedEventAttributes().getScheduledEventId() == id) {
        return i;
      }
    }
    throw new AssertionError("no completion of " + summary);
  }
}
