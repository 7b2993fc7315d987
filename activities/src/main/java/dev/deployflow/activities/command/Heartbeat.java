package dev.deployflow.activities.command;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * Reports progress while a long operation runs. Inside an activity it heartbeats to Temporal,
 * which is also how a cancellation arrives: the call then throws an
 * {@link io.temporal.client.ActivityCompletionException}, and the caller stops its work.
 */
@FunctionalInterface
public interface Heartbeat {

  /** A heartbeat that goes nowhere, for use outside an activity. */
  Heartbeat NONE = detail -> {};

  /** Reports {@code detail}; may throw an unchecked exception to say "stop now". */
  void beat(String detail);

  /**
   * The current activity's heartbeat, or {@link #NONE} when the calling thread does not run an
   * activity (a test, a tool), so that the same code runs in both places.
   */
  static Heartbeat ofCurrentActivity() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return NONE;
    }
    return context::heartbeat;
  }
}
