package dev.deployflow.activities;

import java.util.ArrayList;
import java.util.List;

/** Builds every activity implementation for a worker, sharing one HTTP client between them. */
public final class DeployflowActivities {
  private DeployflowActivities() {}

  /** One instance of each activity implementation, ready to register on a worker. */
  public static List<Object> create(ActivitySettings settings) {
    List<Object> activities = new ArrayList<>();
    // The one HTTP client every HTTP activity shares (connection pool, timeouts).
    okhttp3.OkHttpClient http = dev.deployflow.activities.http.HttpClients.create(settings);
    // Each activity package adds its implementation here.
    activities.add(new dev.deployflow.activities.command.CommandActivitiesImpl(settings));
    activities.add(new dev.deployflow.activities.deploy.DeployActivitiesImpl(settings, http));
    activities.add(new dev.deployflow.activities.smoke.SmokeTestActivitiesImpl(settings, http));
    activities.add(new dev.deployflow.activities.config.ConfigActivitiesImpl(settings));
    activities.add(new dev.deployflow.activities.metrics.MetricActivitiesImpl(settings, http));
    activities.add(new dev.deployflow.activities.artifact.ArtifactActivitiesImpl(settings));
    activities.add(new dev.deployflow.activities.notify.NotificationActivitiesImpl(settings, http));
    activities.add(new dev.deployflow.activities.pipeline.PipelineActivitiesImpl(settings));
    activities.add(new dev.deployflow.activities.releaselog.ReleaseLogActivitiesImpl(settings));
    return activities;
  }
}
