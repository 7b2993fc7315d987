package dev.deployflow.workflow.support;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestRequest;
import org.mockito.ArgumentMatcher;

/** Argument matchers for the activity calls tests check, tolerant of the null Mockito passes while stubbing. */
public final class Calls {
  private Calls() {}

  /** A deploy of that component and version to that environment. */
  public static ArgumentMatcher<DeployRequest> deployOf(String component, String version, String environment) {
    return d -> d != null && d.component().equals(component) && d.version().equals(version)
        && d.environment().equals(environment);
  }

  /** A command whose summary is exactly this. */
  public static ArgumentMatcher<CommandRequest> command(String summary) {
    return c -> c != null && summary.equals(c.summary());
  }

  /** A smoke test in that environment. */
  public static ArgumentMatcher<SmokeTestRequest> smokeIn(String environment) {
    return r -> r != null && r.environment().equals(environment);
  }
}
