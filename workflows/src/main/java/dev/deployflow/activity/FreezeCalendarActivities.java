package dev.deployflow.activity;

import dev.deployflow.model.Freeze;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * A release's look at the freeze calendar ({@code deployflow-freezes}), before each production
 * step. An activity because the answer comes from outside the release (a query of another
 * workflow), and its result in the release's history makes the decision replay the same.
 */
@ActivityInterface
public interface FreezeCalendarActivities {

  /**
   * The active freezes that hold {@code check.application()}; none when there is no calendar.
   * When some hold it, the release is registered with the calendar in the same call (signal
   * {@code register}), so that the calendar wakes it when they lift; registering twice is harmless.
   */
  @ActivityMethod
  List<Freeze> freezesHolding(FreezeCheck check);

  /** Which release asks: its application and its workflow id (where the wake-up goes). */
  record FreezeCheck(String application, String workflowId) {}
}
