package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Calls.command;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.api.DeploymentWorkflow;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A component's migration and deploy are two activities of the release now, not one child: a
 * rollback sent while the migration runs must still wait for the migration to end (it is a
 * command that changes the schema), must not start the deploy behind it, and must undo the
 * migration only after it ended.
 */
class RollbackDuringMigrationTest {
  private static final String MIGRATE = "migrate api in staging";
  private ReleaseHarness harness;
  private final CountDownLatch migrationRuns = new CountDownLatch(1);
  private final CountDownLatch cancellationSeen = new CountDownLatch(1);
  private final CountDownLatch migrationEnds = new CountDownLatch(1);
  /** The commands in the order they ended. */
  private final List<String> ended = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    migrationEnds.countDown();
    harness.close();
  }

  @Test
  void aRollbackDuringTheMigrationWaitsForItSkipsTheDeployAndThenUndoesTheMigration() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    when(harness.mocks.commands.runCommand(any())).thenAnswer(inv -> run(inv.getArgument(0)));
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitStep(MIGRATE);
    assertThat(migrationRuns.await(10, TimeUnit.SECONDS)).as("the migration began").isTrue();

    workflow.rollbackSignal(new RollbackMessage("carol", "wrong build", RollbackLevel.CODE));
    assertThat(cancellationSeen.await(10, TimeUnit.SECONDS)).as("the migration saw the cancellation").isTrue();
    harness.awaitStep("waiting for the running deploy of api to end before rolling back");
    verify(harness.mocks.commands, never()).runCommand(argThat(command("undo migration of api in staging")));

    migrationEnds.countDown();
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    // The deploy behind the migration never ran; the undo came after the migration ended.
    verify(harness.mocks.deploy, never()).deploy(argThat(deployOf("api", "1.2.0", "staging")));
    assertThat(ended).containsSubsequence(MIGRATE, "undo migration of api in staging");
  }

  /** Commands end at once, but the staging migration: it runs until the test lets it end, then reports a cancellation it saw. */
  private CommandResult run(CommandRequest request) {
    if (request == null) {
      return null;
    }
    boolean slow = request.summary().equals(MIGRATE);
    boolean cancelled = false;
    if (slow) {
      migrationRuns.countDown();
    }
    while (slow) {
      try {
        if (!cancelled) {
          Activity.getExecutionContext().heartbeat(null);
        }
      } catch (ActivityCanceledException e) {
        cancelled = true;
        cancellationSeen.countDown();
      }
      try {
        if (migrationEnds.await(50, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    ended.add(request.summary());
    if (cancelled) {
      throw new ActivityCanceledException(Activity.getExecutionContext().getInfo());
    }
    return new CommandResult(0, "ok", 5);
  }
}
