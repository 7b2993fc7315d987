package dev.deployflow.workflow;

import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.NotificationActivities.NotifyResult;
import dev.deployflow.pipeline.NotificationTarget;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells people about the release through the pipeline's webhooks. Targets are filtered here by
 * their {@code on} list (empty means every event), and no activity runs when nobody wants the
 * event. A notification never fails a release: the activity reports failures instead of throwing,
 * and should it fail anyway, the failure is only written to the timeline.
 */
final class Notifier {

  /** The events a release sends. */
  static final String STARTED = "started";
  static final String AWAITING_APPROVAL = "awaiting_approval";
  static final String APPROVAL_REMINDER = "approval_reminder";
  static final String AWAITING_DECISION = "awaiting_decision";
  /** A failed step waits for retry, skip or rollback (guided failure). */
  static final String DECISION_NEEDED = "decision_needed";
  static final String ANNOUNCEMENT = "announcement";

  private final ReleaseContext release;

  Notifier(ReleaseContext release) {
    this.release = release;
  }

  void send(String event, String message) {
    send(event, message, null, null);
  }

  void send(String event, String message, String approveCommand, String chatCommand) {
    send(event, message, approveCommand, chatCommand, null);
  }

  /** Asks for approval of the gate, carrying its changes, version diff and plan summary. */
  void sendApproval(ApprovalGate gate, String message, String approveCommand, String chatCommand) {
    send(AWAITING_APPROVAL, message, approveCommand, chatCommand, gate);
  }

  private void send(String event, String message, String approveCommand, String chatCommand, ApprovalGate gate) {
    List<NotificationTarget> targets = targetsFor(event);
    if (targets.isEmpty()) {
      return;
    }
    NotifyRequest request = new NotifyRequest(
        event, release.application(), release.version(), release.state().phase().json(), message,
        approveCommand, chatCommand, targets, release.vars(null, null, null, release.state().previousVersion()),
        gate == null ? null : gate.changes(), gate == null ? null : gate.diff(), gate == null ? null : gate.planSummary());
    try {
      NotifyResult result = Activities.notifications("notify " + event + " (" + targets.size() + " target"
          + (targets.size() == 1 ? "" : "s") + ")").sendNotification(request);
      if (result != null && result.failures() != null && !result.failures().isEmpty()) {
        release.state().event("notification '" + event + "' not delivered: " + String.join("; ", result.failures()));
      }
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      release.state().event("notification '" + event + "' could not be sent: " + Failures.reason(e));
    } catch (DataConverterException e) {
      // The notification went out; only its delivery report does not decode on this worker.
      release.state().event("notification '" + event + "' sent, but its delivery report " + Failures.undecodable(e));
    }
  }

  /**
   * The event a pipeline subscribes to for each event it cannot name in {@code on} (CONTRACT.md lists
   * started, awaiting_approval, succeeded, rolled_back, failed…): whoever is asked to approve is
   * reminded and asked to decide; whoever hears of rollbacks hears the announcement of a full one.
   */
  private static final Map<String, String> SUBSCRIBED_AS = Map.of(
      APPROVAL_REMINDER, AWAITING_APPROVAL,
      AWAITING_DECISION, AWAITING_APPROVAL,
      DECISION_NEEDED, AWAITING_APPROVAL,
      ANNOUNCEMENT, "rolled_back");

  /**
   * The pipeline's targets that want this event. A target that wants it through
   * {@link #SUBSCRIBED_AS} is passed on with {@code on} naming the event itself, so that the
   * notifier activity, which filters by {@code on} too, delivers it.
   */
  List<NotificationTarget> targetsFor(String event) {
    List<NotificationTarget> wanted = new ArrayList<>();
    if (release.pipeline() == null || release.pipeline().notifications() == null) {
      return wanted;
    }
    for (NotificationTarget target : release.pipeline().notifications()) {
      if (target == null) {
        continue;
      }
      if (target.on() == null || target.on().isEmpty() || target.on().contains(event)) {
        wanted.add(target);
      } else if (SUBSCRIBED_AS.containsKey(event) && target.on().contains(SUBSCRIBED_AS.get(event))) {
        wanted.add(new NotificationTarget(target.webhook(), List.of(event)));
      }
    }
    return wanted;
  }
}
