package dev.deployflow.activities.config;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.ConfigActivities;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that an environment's required configuration is present in the worker's environment
 * (checkpoint 2). It reports the names that are unset or blank, in the pipeline's order and each
 * once, and never a value. It never fails, so there is nothing to retry: an incomplete
 * configuration is a result the workflow acts on.
 */
public final class ConfigActivitiesImpl implements ConfigActivities {
  private final Map<String, String> environment;

  /** Checks against {@code settings.environment()}. */
  public ConfigActivitiesImpl(ActivitySettings settings) {
    this.environment = settings.environment();
  }

  @Override
  public ConfigCheckResult checkConfig(ConfigCheckRequest request) {
    Set<String> missing = new LinkedHashSet<>();
    if (request.requiredConfig() != null) {
      for (String name : request.requiredConfig()) {
        if (name == null || name.isBlank()) {
          continue;
        }
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
          missing.add(name);
        }
      }
    }
    return new ConfigCheckResult(request.environment(), List.copyOf(missing));
  }
}
