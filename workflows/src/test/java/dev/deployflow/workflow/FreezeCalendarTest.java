package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.api.FreezeCalendarWorkflow;
import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeCalendarInput;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.UnfreezeMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The freeze calendar on its own: its input rules, its ids, and continue-as-new that keeps freezes and waiters. */
class FreezeCalendarTest {
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
  void refusesBadFreezesAndUnknownIdsWithReasons() {
    harness = new ReleaseHarness(TestPipelines.standard().build(), Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(client().freezes()).as("no calendar: no freeze").isEmpty();
    assertThat(refused(() -> client().freeze(new FreezeMessage("erin", "late", "2026-11-30T00:00:00Z", null))))
        .startsWith("until: 2026-11-30T00:00:00Z is in the past (now is 2026-12-01T12:")
        .endsWith("); a freeze must end in the future, or leave out until to freeze until unfrozen");
    assertThat(refused(() -> client().freeze(new FreezeMessage("erin", null, null, List.of("Bad App")))))
        .startsWith("reason: is required").contains("applications[0]: ");
    assertThat(refused(() -> client().freeze(new FreezeMessage("bad by", "x", null, null)))).startsWith("by: ");

    Freeze first = client().freeze(new FreezeMessage("erin", "holidays", "2026-12-27T00:00:00Z", List.of("shop")));
    assertThat(first).usingRecursiveComparison().ignoringFields("since")
        .isEqualTo(new Freeze("freeze-1", "erin", "holidays", null, "2026-12-27T00:00:00Z", List.of("shop")));
    assertThat(first.since()).startsWith("2026-12-01T12:");
    assertThat(client().freeze(new FreezeMessage("frank", "audit", null, null)).id()).isEqualTo("freeze-2");
    assertThat(refused(() -> client().unfreeze(new UnfreezeMessage("erin", "freeze-9"))))
        .isEqualTo("there is no active freeze 'freeze-9'; active: freeze-1, freeze-2");
    assertThat(client().unfreeze(new UnfreezeMessage("erin", "freeze-2")).reason()).isEqualTo("audit");
    assertThat(client().freezes()).containsExactly(first);
  }

  @Test
  void aMisspeltFieldIsRefusedNamingItInsteadOfFreezingEveryApplication() {
    harness = new ReleaseHarness(TestPipelines.standard().build(), Instant.parse("2026-12-01T12:00:00Z"));
    WorkflowStub calendar = harness.client().newUntypedWorkflowStub(FreezeCalendarWorkflow.TYPE,
        WorkflowOptions.newBuilder().setWorkflowId(FreezeCalendarWorkflow.WORKFLOW_ID)
            .setTaskQueue(DeploymentWorkflow.TASK_QUEUE).build());
    calendar.start(FreezeCalendarInput.empty());
    // "apps" for "applications": ignored by a lenient decoder, it would freeze every application.
    Map<String, Object> misspelt = Map.of("by", "erin", "reason", "shop only", "apps", List.of("shop"));

    WorkflowUpdateException e = catchThrowableOfType(WorkflowUpdateException.class,
        () -> calendar.update("freeze", Freeze.class, misspelt));
    assertThat(e).isNotNull();
    assertThat(e.getCause().getMessage()).contains("field 'apps' is unknown; freeze takes applications, by, reason, until");
    calendar.signal("freeze", misspelt);
    calendar.signal("freeze", "stop everything");
    // A message that decodes is still taken, after the refused ones.
    calendar.signal("freeze", Map.of("by", "erin", "reason", "shop only", "applications", List.of("shop")));

    assertThat(client().freezes()).singleElement().satisfies(f -> {
      assertThat(f.applications()).containsExactly("shop");
      assertThat(f.reason()).isEqualTo("shop only");
    });
    assertThat(refused(() -> calendar.update("unfreeze", Freeze.class, Map.of("by", "erin", "freeze", "freeze-1"))))
        .contains("field 'freeze' is unknown; unfreeze takes by, id");
    assertThat(client().freezes()).hasSize(1);
  }

  @Test
  void continuesAsNewKeepingItsFreezesAndWaiters() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability().build());
    WorkflowStub calendar = harness.client().newUntypedWorkflowStub(FreezeCalendarWorkflow.TYPE,
        WorkflowOptions.newBuilder().setWorkflowId(FreezeCalendarWorkflow.WORKFLOW_ID)
            .setTaskQueue(DeploymentWorkflow.TASK_QUEUE).build());
    // A short run: three messages, then the calendar continues as new.
    WorkflowExecution firstRun = calendar.start(new FreezeCalendarInput(List.of(), List.of(), 1, 3));
    Freeze freeze = client().freeze(new FreezeMessage("erin", "stop", null, null));
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitWaiting("held by freeze freeze-1");
    client().freeze(new FreezeMessage("frank", "billing", null, List.of("billing")));

    awaitContinuedAsNew(firstRun);
    assertThat(client().freezes()).extracting(Freeze::id).containsExactly("freeze-1", "freeze-2");
    assertThat(client().freeze(new FreezeMessage("frank", "more", null, List.of("billing"))).id()).isEqualTo("freeze-3");

    // The waiter registered with the first run is woken by the next one.
    client().unfreeze(new UnfreezeMessage("erin", freeze.id()));
    harness.awaitStatus("the release moved past the freeze",
        s -> s.currentStep() != null && !s.currentStep().contains("held by freeze"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  private void awaitContinuedAsNew(WorkflowExecution run) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var events = harness.history(run.getWorkflowId(), run.getRunId()).getEvents();
      if (events.get(events.size() - 1).getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the calendar never continued as new");
  }

  private static String refused(Runnable call) {
    RuntimeException e = catchThrowableOfType(RuntimeException.class, call::run);
    assertThat(e).as("refused").isInstanceOfAny(MessageRefusedException.class, WorkflowUpdateException.class);
    return e instanceof WorkflowUpdateException update ? update.getCause().getMessage() : e.getMessage();
  }
}
