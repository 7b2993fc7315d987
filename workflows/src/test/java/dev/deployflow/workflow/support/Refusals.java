package dev.deployflow.workflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.Set;
import io.temporal.failure.ApplicationFailure;

/** Sends an update that must be refused, and returns the reason its validator gave. */
public final class Refusals {
  private static final Set<EventType> WORKFLOW_TASK = Set.of(
      EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
      EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
      EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);

  private Refusals() {}

  /**
   * Runs the update call while the release is busy (an activity in flight, so its history still
   * grows), asserts that it was refused and returns the refusal's message.
   */
  public static String refusalWhileBusy(Runnable update) {
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(refused).as("the update should be refused").isNotNull();
    assertThat(refused.getCause()).isInstanceOf(ApplicationFailure.class);
    return ((ApplicationFailure) refused.getCause()).getOriginalMessage();
  }

  /**
   * Runs the update call, asserts that it was refused and that the refusal left no event of its
   * own in the release's history (see below), and returns the refusal's message.
   */
  public static String refusal(ReleaseHarness harness, Runnable update) {
    int before = harness.awaitQuiet();
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class, update::run);
    assertThat(refused).as("the update should be refused").isNotNull();
    assertThat(refused.getCause()).isInstanceOf(ApplicationFailure.class);
    // A real server runs the validator in a speculative workflow task and drops it when the update
    // is refused; the in-memory test server persists that task's three events. So: nothing but
    // workflow-task events may appear, and no update event at all.
    List<EventType> added = harness.history().getEvents().subList(before, harness.history().getEvents().size())
        .stream().map(HistoryEvent::getEventType).toList();
    assertThat(added).as("events a refused update left in history").allMatch(WORKFLOW_TASK::contains);
    return ((ApplicationFailure) refused.getCause()).getOriginalMessage();
  }
}
