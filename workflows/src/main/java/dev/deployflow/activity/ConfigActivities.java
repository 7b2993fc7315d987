package dev.deployflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Checks an environment's required configuration (checkpoint 2). */
@ActivityInterface
public interface ConfigActivities {

  /**
   * Reports which of the required configuration names are not set (or blank) in the worker's
   * environment. Only names are reported, never values. Never fails.
   */
  @ActivityMethod
  ConfigCheckResult checkConfig(ConfigCheckRequest request);

  /** The environment and the names it requires. */
  record ConfigCheckRequest(String environment, List<String> requiredConfig) {}

  /** The names that are missing; empty when the environment is ready. */
  record ConfigCheckResult(String environment, List<String> missing) {}
}
