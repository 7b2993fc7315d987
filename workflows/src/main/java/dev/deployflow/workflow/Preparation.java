package dev.deployflow.workflow;

import dev.deployflow.activity.ArtifactActivities.ArtifactCheck;
import dev.deployflow.activity.ArtifactActivities.ArtifactReport;
import dev.deployflow.activity.ArtifactActivities.ArtifactRequest;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.ConfigActivities.ConfigCheckRequest;
import dev.deployflow.activity.ConfigActivities.ConfigCheckResult;
import dev.deployflow.activity.PipelineActivities.PlanReleaseRequest;
import dev.deployflow.activity.PipelineActivities.PlannedRelease;
import dev.deployflow.model.Outcome;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.plan.ReleasePlan;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Gate 1, release readiness: load and validate the pipeline, require a rollback plan where the
 * pipeline does, build every component, verify its artifacts (checkpoint 1) and check the
 * environments' required configuration (checkpoint 2). Nothing is deployed here, so a failure
 * has nothing to roll back.
 */
final class Preparation {
  private final ReleaseContext release;
  private final Notifier notifier;

  Preparation(ReleaseContext release, Notifier notifier) {
    this.release = release;
    this.notifier = notifier;
  }

  /**
   * Loads the pipeline and the plan of the release, both validated and computed by the activity
   * (see {@link dev.deployflow.activity.PipelineActivities#planRelease}): workflow code only reads
   * the recorded result, so a worker with stricter rules or other time-zone data replays a
   * release in flight exactly as it ran.
   *
   * @throws ApplicationFailure of type {@code InvalidPipeline}, non-retryable, when the pipeline is
   *     missing, broken or cannot be planned: the run fails, as CONTRACT.md says
   */
  void loadPipeline() {
    String name = release.request().pipeline();
    String summary = "load pipeline " + name;
    release.state().running(summary);
    PlannedRelease planned;
    try {
      planned = Activities.pipeline(summary).planRelease(new PlanReleaseRequest(name, release.request()));
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      throw broken("pipeline '" + name + "' could not be loaded: " + Failures.reason(e));
    }
    Pipeline pipeline = planned.pipeline();
    ReleasePlan plan = planned.plan();
    release.loaded(pipeline, plan);
    for (Environment environment : plan.allEnvironments()) {
      release.state().environment(environment.name());
    }
    release.state().event("pipeline " + name + " loaded: " + plan.components().size() + " component(s), "
        + plan.allEnvironments().size() + " environment(s), " + plan.rollout().size() + " rollout step(s)"
        + (plan.stages().isEmpty() && pipeline.environments().size() > 1 ? ", staging skipped (hotfix)" : ""));
  }

  /**
   * Runs the rest of gate 1.
   *
   * @return why the gate failed, as a person can act on it, or null when it passed
   */
  String check() {
    ReleasePlan plan = release.plan();
    if (plan.requiresRollbackPlan() && release.request().rollbackPlan() == null) {
      return "pipeline '" + release.request().pipeline() + "' requires a rollback plan: start the release again "
          + "with rollbackPlan set to a link or text that says how to undo it";
    }
    notifier.send(Notifier.STARTED, release.application() + " " + release.version() + " release started by "
        + release.request().requestedBy());
    for (Component component : plan.components()) {
      String problem = build(component);
      if (problem != null) {
        return problem;
      }
    }
    try {
      for (Component component : plan.components()) {
        String problem = verifyArtifacts(component);
        if (problem != null) {
          return problem;
        }
      }
      return checkConfiguration(plan);
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      return "a readiness check could not run: " + Failures.reason(e);
    }
  }

  private String build(Component component) {
    if (component.build() == null || component.build().command() == null || component.build().command().isEmpty()) {
      return null;
    }
    release.operator().holdIfPaused();
    String summary = "build " + component.name() + " " + release.version();
    release.state().running(summary);
    release.operator().stepStarted("build of " + component.name());
    try {
      Activities.build(summary, Durations.parseOr(component.build().timeout(), Activities.DEFAULT_BUILD_TIMEOUT))
          .runCommand(new CommandRequest(summary, component.build().asCommand(),
              release.vars(null, component.name(), null, null), release.key("build/" + component.name())));
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      return "build of " + component.name() + " failed: " + Failures.reason(e);
    } finally {
      release.operator().stepEnded("build of " + component.name());
    }
    release.state().event(component.name() + " " + release.version() + " built");
    return null;
  }

  private String verifyArtifacts(Component component) {
    if (component.build() == null || component.build().artifacts() == null || component.build().artifacts().isEmpty()) {
      return null;
    }
    String summary = "verify artifacts of " + component.name() + " (" + component.build().artifacts().size() + ")";
    release.state().running(summary);
    ArtifactReport report = Activities.artifacts(summary).verifyArtifacts(new ArtifactRequest(
        component.name(), component.build().artifacts(), release.vars(null, component.name(), null, null)));
    if (!report.allPassed()) {
      List<String> problems = new ArrayList<>();
      for (ArtifactCheck check : report.checks()) {
        if (!check.passed()) {
          problems.add(check.path() + ": " + check.problem());
        }
      }
      return "artifact check of " + component.name() + " failed: " + String.join("; ", problems);
    }
    release.state().event("artifacts of " + component.name() + " verified: " + report.checks().size()
        + " present, within size and matching their SHA-256");
    return null;
  }

  private String checkConfiguration(ReleasePlan plan) {
    List<String> problems = new ArrayList<>();
    for (Environment environment : plan.allEnvironments()) {
      if (environment.requiredConfig() == null || environment.requiredConfig().isEmpty()) {
        continue;
      }
      String summary = "check configuration of " + environment.name();
      release.state().running(summary);
      ConfigCheckResult result = Activities.config(summary)
          .checkConfig(new ConfigCheckRequest(environment.name(), environment.requiredConfig()));
      if (result.missing() != null && !result.missing().isEmpty()) {
        problems.add(environment.name() + " is missing required configuration " + String.join(", ", result.missing()));
      }
    }
    if (!problems.isEmpty()) {
      return String.join("; ", problems) + " (set it on the worker and start the release again)";
    }
    release.state().event("configuration checked: every required name is set");
    return null;
  }

  ApplicationFailure broken(String message) {
    release.state().failure(message);
    release.state().finish(Outcome.FAILED, message);
    return ApplicationFailure.newNonRetryableFailure(message, Activities.INVALID_PIPELINE);
  }
}
