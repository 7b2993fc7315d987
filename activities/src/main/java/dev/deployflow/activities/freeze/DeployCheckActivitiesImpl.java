package dev.deployflow.activities.freeze;

import dev.deployflow.activity.DeployCheckActivities;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.plan.DeployCheckAnswer;
import java.util.Objects;

/**
 * Answers the check before a production step: the deploy window, then the freeze calendar through
 * the worker's own Temporal client (a query, where no calendar reads as no freeze, and a
 * registration signal when a freeze holds the release). Both go to the namespace the release runs in.
 */
public final class DeployCheckActivitiesImpl implements DeployCheckActivities {
  private final ReleaseClient calendar;

  public DeployCheckActivitiesImpl(ReleaseClient calendar) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  @Override
  public DeployCheckResult checkDeploy(DeployCheck check) {
    return DeployCheckAnswer.answer(check, calendar);
  }
}
