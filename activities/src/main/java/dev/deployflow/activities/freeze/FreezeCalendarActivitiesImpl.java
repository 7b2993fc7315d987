package dev.deployflow.activities.freeze;

import dev.deployflow.activity.FreezeCalendarActivities;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeWaiter;
import java.util.List;
import java.util.Objects;

/**
 * Asks the freeze calendar through the worker's own Temporal client: a query (no calendar reads as
 * no freeze), and when a freeze holds the release, its registration (a signal), so that the
 * calendar wakes it when the freeze lifts. Both go to the same namespace the release runs in.
 */
public final class FreezeCalendarActivitiesImpl implements FreezeCalendarActivities {
  private final ReleaseClient calendar;

  public FreezeCalendarActivitiesImpl(ReleaseClient calendar) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
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
