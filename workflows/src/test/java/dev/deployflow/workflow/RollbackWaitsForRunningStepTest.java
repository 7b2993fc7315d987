package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Calls.command;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCanceledException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rollback sent while a deploy call is being served does not race it: the release waits until
 * the call has answered (the activity sees the cancellation at its next heartbeat, finishes its
 * call, then reports the cancellation), and only then deploys the previous version. The deploy
 * activity here behaves as the real one: it heartbeats while its call runs, and the target keeps
 * whatever version the LAST call that ended set.
 */
class RollbackWaitsForRunningStepTest {
  private ReleaseHarness harness;
  private final CountDownLatch callAnswers = new CountDownLatch(1);
  private final CountDownLatch callStarted = new CountDownLatch(1);
  private final CountDownLatch cancellationSeen = new CountDownLatch(1);
  /** What each call did, in the order the calls ended. */
  private final List<String> ended = Collections.synchronizedList(new ArrayList<>());
  /** The version each component runs in production, as the target sees it. */
  private final Map<String, String> production = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    callAnswers.countDown();
    harness.close();
  }

  @Test
  void noCompensationRunsBeforeTheBlockedDeployHasEndedAndTheTargetEndsOnThePreviousVersion() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    when(harness.mocks.deploy.deploy(any())).thenAnswer(inv -> deploy(inv.getArgument(0)));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep("deploy api 1.2.0 to production at 10%");
    // The step is named before its child starts: the rollback is sent once the call is being
    // served, else it may cancel the deploy before its activity ever ran.
    assertThat(callStarted.await(10, TimeUnit.SECONDS)).as("the deploy call began").isTrue();

    workflow.rollbackSignal(new RollbackMessage("carol", "wrong build", RollbackLevel.CODE));
    assertThat(cancellationSeen.await(10, TimeUnit.SECONDS)).as("the deploy saw the cancellation at a heartbeat").isTrue();
    harness.awaitStep("waiting for the running deploy of api to end");
    // The call is still being served: nothing may undo it yet.
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.1.0", "production")));
    verify(harness.mocks.commands, never()).runCommand(argThat(command("undo migration of api in production")));

    callAnswers.countDown();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(ended).containsSubsequence("api 1.2.0 to production at 10%", "api 1.1.0 to production at 100%");
    assertThat(production).containsEntry("api", "1.1.0");
    assertThat(harness.status().environments()).filteredOn(e -> e.name().equals("production"))
        .singleElement().satisfies(e -> assertThat(e.version()).isEqualTo("1.1.0"));
  }

  /**
   * A deploy as the real activity does it: the candidate's production call is slow; while it runs
   * the activity heartbeats; a cancellation seen at a heartbeat does not abandon the call (it has
   * been sent), the activity waits for its answer and only then reports the cancellation.
   */
  private DeployResult deploy(DeployRequest request) {
    if (request == null) {
      return null;
    }
    String call = request.component() + " " + request.version() + " to " + request.environment() + " at " + request.weight() + "%";
    boolean slow = request.environment().equals("production") && request.version().equals("1.2.0");
    boolean cancelled = false;
    if (slow) {
      callStarted.countDown();
    }
    while (slow) {
      try {
        if (!cancelled) {
          Activity.getExecutionContext().heartbeat(call);
        }
      } catch (ActivityCanceledException e) {
        cancelled = true;
        cancellationSeen.countDown();
      }
      try {
        if (callAnswers.await(50, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (request.environment().equals("production")) {
      production.put(request.component(), request.version());
    }
    ended.add(call);
    if (cancelled) {
      throw new ActivityCanceledException(Activity.getExecutionContext().getInfo());
    }
    return new DeployResult("deployed");
  }
}
