package dev.deployflow.workflow;

import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.activity.DeployActivities.VersionResult;
import dev.deployflow.activity.FailureTypes;
import dev.deployflow.activity.PipelineActivities.PlanReleaseRequest;
import dev.deployflow.activity.PipelineActivities.PlannedRelease;
import dev.deployflow.api.ReleasePlanWorkflow;
import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.plan.DeployWindows;
import dev.deployflow.plan.PlanPreviews;
import dev.deployflow.plan.WindowDecision;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SideEffectOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan preview (see {@link ReleasePlanWorkflow}). It calls the release's own {@code
 * planRelease} activity, so the pipeline is loaded, validated and planned by the same code, and
 * the release's current-version probe for every component in every environment, which reads and
 * never writes. The production deploy-window decision is a side effect, as the release records
 * it: it reads the worker's time-zone rules. Nothing else runs: no build, deploy or notification.
 */
public class ReleasePlanWorkflowImpl implements ReleasePlanWorkflow {

  @Override
  public PlanPreview plan(ReleaseRequest request) {
    if (request == null) {
      throw ApplicationFailure.newNonRetryableFailure("a plan needs {\"application\",\"version\"}",
          FailureTypes.INVALID_PIPELINE);
    }
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("invalid plan request: " + String.join("; ", problems),
          FailureTypes.INVALID_PIPELINE);
    }
    ReleaseRequest complete = request.withDefaults();
    String name = complete.pipeline();
    PlannedRelease planned;
    try {
      planned = Activities.pipeline("load pipeline " + name + " for a plan")
          .planRelease(new PlanReleaseRequest(name, complete));
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pipeline '" + name + "' could not be loaded: " + Failures.reason(e), FailureTypes.INVALID_PIPELINE);
    }
    Map<String, Map<String, String>> live = new LinkedHashMap<>();
    for (Environment environment : planned.plan().allEnvironments()) {
      live.put(environment.name(), liveVersions(complete, planned.plan().components(), environment.name()));
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Map<String, WindowDecision> decisions = new LinkedHashMap<>();
    // Every wave has its own window and freezes; each is judged now.
    for (dev.deployflow.plan.Wave wave : planned.plan().waves()) {
      Environment production = wave.environment();
      if (production.window() != null || (production.freezes() != null && !production.freezes().isEmpty())) {
        decisions.put(production.name(), Workflow.sideEffect(WindowDecision.class,
            () -> DeployWindows.check(now, production.window(), production.freezes()),
            SideEffectOptions.newBuilder().setSummary("deploy window of " + production.name() + " at " + now).build()));
      }
    }
    return PlanPreviews.of(planned.pipeline(), planned.plan(), complete, now, decisions, live);
  }

  /** The versions the components run in one environment, as the release reads them before deploying. */
  private static Map<String, String> liveVersions(ReleaseRequest request, List<Component> components, String environment) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (Component component : components) {
      if (component.deploy() == null || component.deploy().currentVersion() == null) {
        continue;
      }
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put("application", request.application());
      vars.put("version", request.version());
      vars.put("environment", environment);
      vars.put("component", component.name());
      VersionResult result = Activities.probe("read current version of " + component.name() + " in " + environment)
          .readCurrentVersion(new VersionProbeRequest(component.name(), environment, component.deploy().currentVersion(), vars));
      if (result != null && result.version() != null) {
        versions.put(component.name(), result.version());
      }
    }
    return versions;
  }
}
