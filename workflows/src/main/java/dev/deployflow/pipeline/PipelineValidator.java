package dev.deployflow.pipeline;

import dev.deployflow.model.ReleaseRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a whole pipeline. Every problem names its path, such as
 * {@code environments[1].rollout[0].weight: must be between 1 and 100, was 0}. Pure, so both the
 * loading activity and the workflow use it. Problems come in document order (analysis templates
 * by name), so the same pipeline always yields the same list.
 */
public final class PipelineValidator {

  /** The release events a notification may ask for in {@code on}. */
  public static final List<String> NOTIFICATION_EVENTS =
      List.of(
          "started",
          "awaiting_approval",
          "approval_reminder",
          "approved",
          "rejected",
          "rollout_step",
          "escalated",
          "decision_needed",
          "succeeded",
          "rolled_back",
          "failed",
          "aborted");

  /** The payload formats a notification webhook accepts. */
  public static final List<String> NOTIFICATION_FORMATS = List.of("slack", "json");

  private PipelineValidator() {}

  /** The problems of the pipeline, empty when it is valid. */
  public static List<String> validate(Pipeline pipeline) {
    ValidationProblems problems = new ValidationProblems();
    if (pipeline == null) {
      problems.add("pipeline", "is empty");
      return problems.list();
    }
    ApplicationRules.check(pipeline, problems);
    Set<String> analysisNames = pipeline.analysis() == null ? Set.of() : pipeline.analysis().keySet();
    ComponentRules.check(pipeline.components(), problems);
    EnvironmentRules.check(pipeline.environments(), analysisNames, problems);
    AnalysisRules.check(pipeline.analysis(), problems);
    notifications(pipeline.notifications(), problems);
    releaseLog(pipeline.releaseLog(), problems);
    if (pipeline.rollback() != null && problems.requireObject("rollback.config", pipeline.rollback().config())) {
      CommandSpec config = pipeline.rollback().config();
      problems.command("rollback.config.command", config.command(), "is required");
      problems.optionalDuration("rollback.config.timeout", config.timeout(), true);
      problems.placeholders("rollback.config.workingDir", config.workingDir());
    }
    if (pipeline.hotfix() != null) {
      RolloutRules.rollout("hotfix.rollout", pipeline.hotfix().rollout(), analysisNames, problems);
    }
    return problems.list();
  }

  /**
   * The problems of the pipeline for one release: those of {@link #validate(Pipeline)}, then
   * whether it serves the release's application ({@link ApplicationRules#refusal}). Both the
   * workflow and the loading activity call this one when they know the request.
   */
  public static List<String> validate(Pipeline pipeline, ReleaseRequest request) {
    List<String> problems = new ArrayList<>(validate(pipeline));
    if (pipeline != null && request != null && request.application() != null) {
      String pipelineName = request.pipeline() == null || request.pipeline().isBlank()
          ? request.application() : request.pipeline();
      String refusal = ApplicationRules.refusal(pipeline, pipelineName, request.application());
      if (refusal != null) {
        problems.add(refusal);
      }
    }
    return List.copyOf(problems);
  }

  private static void notifications(List<NotificationTarget> targets, ValidationProblems problems) {
    if (targets == null) {
      return;
    }
    for (int i = 0; i < targets.size(); i++) {
      String path = "notifications[" + i + "]";
      NotificationTarget target = targets.get(i);
      if (target == null) {
        problems.add(path, "must not be empty");
        continue;
      }
      NotificationTarget.Webhook webhook = target.webhook();
      if (problems.requireObject(path + ".webhook", webhook)) {
        if (problems.requireText(path + ".webhook.url", webhook.url())) {
          problems.url(path + ".webhook.url", webhook.url());
        }
        if (webhook.format() == null) {
          problems.add(path + ".webhook.format", "is required: " + String.join(" or ", NOTIFICATION_FORMATS));
        } else if (!NOTIFICATION_FORMATS.contains(webhook.format())) {
          problems.add(path + ".webhook.format", "'" + webhook.format() + "' is not one of "
              + String.join(", ", NOTIFICATION_FORMATS));
        }
      }
      List<String> events = target.on();
      if (events == null) {
        continue;
      }
      for (int j = 0; j < events.size(); j++) {
        if (!NOTIFICATION_EVENTS.contains(events.get(j))) {
          problems.add(path + ".on[" + j + "]", "'" + events.get(j) + "' is not one of "
              + String.join(", ", NOTIFICATION_EVENTS));
        }
      }
    }
  }

  private static void releaseLog(List<ReleaseLogSink> sinks, ValidationProblems problems) {
    if (sinks == null) {
      return;
    }
    for (int i = 0; i < sinks.size(); i++) {
      String path = "releaseLog[" + i + "]";
      ReleaseLogSink sink = sinks.get(i);
      if (sink == null) {
        problems.add(path, "must not be empty");
        continue;
      }
      ReleaseLogSink.Webhook webhook = sink.webhook();
      if (!problems.requireObject(path + ".webhook", webhook)) {
        continue;
      }
      if (problems.requireText(path + ".webhook.url", webhook.url())) {
        problems.url(path + ".webhook.url", webhook.url());
        String url = webhook.url().strip();
        // The record goes to an http(s) store; a ${…} at the start is checked once rendered.
        if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("${")) {
          problems.add(path + ".webhook.url", "must be an http or https URL");
        }
      }
      if (webhook.headers() != null) {
        for (String name : webhook.headers().keySet()) {
          if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            problems.add(path + ".webhook.headers", "'" + name + "' is not a header name");
          }
        }
        problems.headers(path + ".webhook.headers", webhook.headers());
      }
    }
  }
}
