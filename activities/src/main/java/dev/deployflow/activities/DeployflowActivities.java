package dev.deployflow.activities;

import java.util.ArrayList;
import java.util.List;

/** Builds every activity implementation for a worker, sharing one HTTP client between them. */
public final class DeployflowActivities {
  private DeployflowActivities() {}

  /** One instance of each activity implementation, ready to register on a worker. */
  public static List<Object> create(ActivitySettings settings) {
    List<Object> activities = new ArrayList<>();
    // Each activity package adds its implementation here.
    return activities;
  }
}
