package dev.deployflow.activities;

import dev.deployflow.activities.artifact.ArtifactActivitiesImpl;
import dev.deployflow.activities.command.CommandActivitiesImpl;
import dev.deployflow.activities.config.ConfigActivitiesImpl;
import dev.deployflow.activities.deploy.DeployActivitiesImpl;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activities.metrics.MetricActivitiesImpl;
import dev.deployflow.activities.notify.NotificationActivitiesImpl;
import dev.deployflow.activities.pipeline.PipelineActivitiesImpl;
import dev.deployflow.activities.releaselog.ReleaseLogActivitiesImpl;
import dev.deployflow.activities.smoke.SmokeTestActivitiesImpl;
import java.util.List;
import okhttp3.OkHttpClient;

/** Builds every activity implementation for a worker, sharing one HTTP client between them. */
public final class DeployflowActivities {
  private DeployflowActivities() {}

  /** One instance of each activity implementation, ready to register on a worker. */
  public static List<Object> create(ActivitySettings settings) {
    // One client for all: one connection pool and one set of timeouts, however many calls run.
    OkHttpClient http = HttpClients.create(settings);
    return List.of(
        new CommandActivitiesImpl(settings),
        new DeployActivitiesImpl(settings, http),
        new SmokeTestActivitiesImpl(settings, http),
        new ConfigActivitiesImpl(settings),
        new MetricActivitiesImpl(settings, http),
        new ArtifactActivitiesImpl(settings),
        new NotificationActivitiesImpl(settings, http),
        new PipelineActivitiesImpl(settings),
        new ReleaseLogActivitiesImpl(settings, http));
  }
}
