package dev.deployflow.workflow.support;

import dev.deployflow.activity.FreezeCalendarActivities;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeWaiter;
import io.temporal.client.WorkflowClient;
import java.util.List;

/**
 * The freeze check as the worker runs it (activities' {@code FreezeCalendarActivitiesImpl}, which
 * this module cannot see), against the test environment's calendar: a real query and a real
 * registration, so the release tests exercise the calendar itself.
 */
public final class CalendarActivity implements FreezeCalendarActivities {
  private final ReleaseClient calendar;

  public CalendarActivity(WorkflowClient client) {
    this.calendar = new ReleaseClient(client, DeploymentWorkflow.TASK_QUEUE);
  }

  @Override
  public List<Freeze> freezesHolding(FreezeCheck check) {
    List<Freeze> holding = calendar.freezes().stream().filter(f -> f.appliesTo(check.application())).toList();
    if (!holding.isEmpty()) {
      calendar.registerFreezeWaiter(new FreezeWaiter(check.workflowId(), check.application()));
    }
    return holding;
  }
}
