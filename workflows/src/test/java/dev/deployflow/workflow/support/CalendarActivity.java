package dev.deployflow.workflow.support;

import dev.deployflow.activity.DeployCheckActivities;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.plan.DeployCheckAnswer;
import io.temporal.client.WorkflowClient;

/**
 * The deploy check as the worker runs it (activities' {@code DeployCheckActivitiesImpl}, which this
 * module cannot see, answers through the same {@link DeployCheckAnswer}), against the test
 * environment's calendar: a real query and a real registration, so the release tests exercise the
 * calendar itself.
 */
public final class CalendarActivity implements DeployCheckActivities {
  private final ReleaseClient calendar;

  public CalendarActivity(WorkflowClient client) {
    this.calendar = new ReleaseClient(client, DeploymentWorkflow.TASK_QUEUE);
  }

  @Override
  public DeployCheckResult checkDeploy(DeployCheck check) {
    return DeployCheckAnswer.answer(check, calendar);
  }
}
