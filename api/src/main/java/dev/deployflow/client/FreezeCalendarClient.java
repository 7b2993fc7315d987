package dev.deployflow.client;

import dev.deployflow.api.FreezeCalendarWorkflow;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeCalendarInput;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.FreezeWaiter;
import dev.deployflow.model.UnfreezeMessage;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The freeze calendar through the Temporal client ({@link ReleaseClient} hands these calls on).
 * The calendar is started on demand: {@code freeze} starts it when it does not run (a start that
 * uses the running one when there is one), then sends its update; reading or lifting freezes never
 * starts it, and "no calendar" reads as "no freeze".
 */
final class FreezeCalendarClient {
  private final WorkflowClient client;
  private final String taskQueue;

  FreezeCalendarClient(WorkflowClient client, String taskQueue) {
    this.client = Objects.requireNonNull(client, "client");
    this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
  }

  Freeze freeze(FreezeMessage message) {
    Objects.requireNonNull(message, "message");
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(FreezeCalendarWorkflow.WORKFLOW_ID)
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setStaticSummary("freeze calendar: stop the line for every release")
        .build();
    WorkflowStub stub = client.newUntypedWorkflowStub(FreezeCalendarWorkflow.TYPE, options);
    stub.start(FreezeCalendarInput.empty());
    return send(client.newUntypedWorkflowStub(FreezeCalendarWorkflow.WORKFLOW_ID), "freeze", message);
  }

  Freeze unfreeze(UnfreezeMessage message) {
    Objects.requireNonNull(message, "message");
    try {
      return send(calendar(), "unfreeze", message);
    } catch (WorkflowNotFoundException e) {
      throw new MessageRefusedException("unfreeze", "there is no freeze " + message.id()
          + ": the freeze calendar has never been started (no freeze was ever placed)", e);
    }
  }

  List<Freeze> freezes() {
    try {
      return Arrays.asList(calendar().query("freezes", Freeze[].class));
    } catch (WorkflowNotFoundException e) {
      return List.of();
    }
  }

  void register(FreezeWaiter waiter) {
    calendar().signal("register", waiter);
  }

  private Freeze send(WorkflowStub stub, String update, Object message) {
    try {
      return stub.update(update, Freeze.class, message);
    } catch (WorkflowUpdateException e) {
      throw new MessageRefusedException(update, Failures.reason(e), e);
    }
  }

  private WorkflowStub calendar() {
    return client.newUntypedWorkflowStub(FreezeCalendarWorkflow.WORKFLOW_ID);
  }
}
