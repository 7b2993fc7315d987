package dev.deployflow.activity;

import dev.deployflow.pipeline.NotificationTarget;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** Tells people about a release through webhooks. */
@ActivityInterface
public interface NotificationActivities {

  /**
   * Posts the notification to every target, in Slack-compatible form ({@code text} and blocks)
   * or plain JSON. Each delivery is tried a bounded number of times inside the activity call;
   * failures are reported in the result and never thrown, because a notification must never fail
   * a release.
   */
  @ActivityMethod
  NotifyResult sendNotification(NotifyRequest request);

  /**
   * One notification. {@code event} is one of the pipeline's {@code on} names (started,
   * awaiting_approval, approval_reminder, succeeded, rolled_back, failed, rejected…);
   * {@code approveCommand} and {@code chatCommand} are set for approvals.
   */
  record NotifyRequest(
      String event,
      String application,
      String version,
      String phase,
      String message,
      String approveCommand,
      String chatCommand,
      List<NotificationTarget> targets,
      Map<String, String> vars,
      List<String> changes,
      List<dev.deployflow.model.PlanPreview.VersionChange> diff,
      String planSummary) {

    /** A notification without approval context: every event but {@code awaiting_approval}. */
    public NotifyRequest(
        String event, String application, String version, String phase, String message, String approveCommand,
        String chatCommand, List<NotificationTarget> targets, Map<String, String> vars) {
      this(event, application, version, phase, message, approveCommand, chatCommand, targets, vars, null, null, null);
    }
  }

  /** How many targets received it, and why the others did not (no secrets in the reasons). */
  record NotifyResult(int delivered, List<String> failures) {}
}
