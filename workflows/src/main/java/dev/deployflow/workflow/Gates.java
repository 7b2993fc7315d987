package dev.deployflow.workflow;

import dev.deployflow.pipeline.ApprovalSpec;
import dev.deployflow.pipeline.Durations;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Opens the gates that wait for people and waits on them: the approval gate (N of M approvals,
 * reminders through the notifier before its deadline, rejected at the deadline) and the
 * decision gate that an inconclusive analysis escalates to (promote continues; the deadline rolls
 * back). Waits are durable timers; a rollback interrupts them.
 */
final class Gates {

  /** The approval timeout when the pipeline gives none. */
  static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);
  /** How long an escalated analysis waits when the pipeline has no approval timeout. */
  static final Duration DEFAULT_DECISION_TIMEOUT = Duration.ofHours(1);
  /** The name of the gate an inconclusive analysis opens. */
  static final String ANALYSIS_GATE = "analysis";

  private final ReleaseContext release;
  private final Notifier notifier;

  Gates(ReleaseContext release, Notifier notifier) {
    this.release = release;
    this.notifier = notifier;
  }

  /**
   * Guided failure with this release's notifier, for a breached stability window under
   * {@code onFailure: ask}; it keeps no state of its own, the decision lives in the operator.
   */
  GuidedFailure guidedFailure() {
    return new GuidedFailure(release, notifier);
  }

  /**
   * Opens production's approval gate and waits until it is approved, rejected or times out.
   *
   * @return the gate, closed
   */
  ApprovalGate approval(String environment, ApprovalSpec spec) {
    Duration timeout = Durations.parseOr(spec.timeout(), DEFAULT_APPROVAL_TIMEOUT);
    long deadline = release.state().nowMillis() + timeout.toMillis();
    ApprovalGate gate = new ApprovalGate(
        environment, dev.deployflow.model.GateKind.APPROVAL, release.application(), spec.approvers(), spec.requiredCount(),
        spec.selfApprovalAllowed(), release.request().requestedBy(), Instant.ofEpochMilli(deadline).toString());
    ApprovalContext.attach(release, gate);
    release.state().addGate(gate);
    release.state().event("opened " + gate.describe());
    release.state().waiting(gate.waitingFor(release.version()));
    notifier.sendApproval(gate,
        release.application() + " " + release.version() + " is ready for " + environment + " and needs "
            + gate.required() + " approval(s) from " + String.join(", ", spec.approvers()) + " by " + gate.deadline(),
        "deployflow approve " + release.application() + " --by <your-name>",
        "/deploy approve " + release.application());

    TreeSet<Long> reminders = reminderTimes(spec, timeout, deadline);
    while (gate.isWaiting()) {
      long now = release.state().nowMillis();
      if (now >= deadline) {
        gate.timeOut();
        break;
      }
      Long reminder = reminders.ceiling(now);
      long wakeAt = reminder == null ? deadline : reminder;
      String summary = reminder == null
          ? "approval deadline of gate " + environment + " (" + Durations.format(timeout) + ")"
          : "approval reminder for gate " + environment;
      if (Waits.until(Duration.ofMillis(wakeAt - now), summary, () -> !gate.isWaiting())) {
        break;
      }
      if (reminder != null) {
        reminders.remove(reminder);
        if (gate.isWaiting()) {
          remind(gate);
        }
      }
    }
    release.state().running("approval gate " + environment + " " + gate.state().json());
    ReleaseTelemetry.gateDecided(release.application(), environment, gate.kind(),
        release.state().nowMillis() - (deadline - timeout.toMillis()));
    return gate;
  }

  private void remind(ApprovalGate gate) {
    release.state().event("reminder sent: gate '" + gate.name() + "' still needs " + gate.missing()
        + " approval(s) by " + gate.deadline());
    notifier.send(Notifier.APPROVAL_REMINDER,
        "Reminder: " + release.application() + " " + release.version() + " still needs " + gate.missing()
            + " approval(s) for " + gate.name() + " by " + gate.deadline(),
        "deployflow approve " + release.application() + " --by <your-name>",
        "/deploy approve " + release.application());
  }

  /** The reminder instants: {@code remindBefore} the deadline, or half-way when not given; only future ones. */
  private TreeSet<Long> reminderTimes(ApprovalSpec spec, Duration timeout, long deadline) {
    List<Duration> before = new ArrayList<>();
    if (spec.remindBefore() == null || spec.remindBefore().isEmpty()) {
      before.add(timeout.dividedBy(2));
    } else {
      spec.remindBefore().forEach(text -> before.add(Durations.parse(text)));
    }
    TreeSet<Long> times = new TreeSet<>();
    long now = release.state().nowMillis();
    for (Duration d : before) {
      long at = deadline - d.toMillis();
      if (at > now && at < deadline) {
        times.add(at);
      }
    }
    return times;
  }

  /**
   * Escalates an analysis to a person: a gate named {@code analysis}, with the approval gate's
   * approvers, that waits for {@code promote} until the approval timeout (or an hour).
   *
   * @return true when someone promoted, false when the deadline passed
   */
  boolean decide(String why) {
    ApprovalSpec spec = release.plan().approval();
    Duration timeout = spec == null ? DEFAULT_DECISION_TIMEOUT : Durations.parseOr(spec.timeout(), DEFAULT_DECISION_TIMEOUT);
    long deadline = release.state().nowMillis() + timeout.toMillis();
    List<String> approvers = spec == null ? List.of() : spec.approvers();
    ApprovalGate gate = new ApprovalGate(
        ANALYSIS_GATE, dev.deployflow.model.GateKind.ANALYSIS, release.application(), approvers, 1, true,
        release.request().requestedBy(), Instant.ofEpochMilli(deadline).toString());
    release.state().addGate(gate);
    release.state().event("escalated to a person: " + why + "; waiting for promote or rollback until " + gate.deadline());
    release.state().waiting("waiting for a decision: " + why + " (promote to continue, rollback to undo; rolls back at "
        + gate.deadline() + ")");
    notifier.send(Notifier.AWAITING_DECISION,
        release.application() + " " + release.version() + ": " + why + ". Promote to continue or roll back by "
            + gate.deadline() + "; it rolls back then.",
        "deployflow promote " + release.application() + " --by <your-name>",
        "/deploy promote " + release.application());
    // Held only from here: a promote sent while the notification goes out is taken as the wait starts,
    // and its update answers at once instead of waiting for the notification.
    release.operator().hold(Operator.Hold.DECISION, why);
    boolean promoted = Waits.until(timeout, "decision deadline (" + Durations.format(timeout) + "): promote or roll back",
        release.operator()::promotePending);
    release.operator().release();
    ReleaseTelemetry.gateDecided(release.application(), ANALYSIS_GATE, dev.deployflow.model.GateKind.ANALYSIS,
        release.state().nowMillis() - (deadline - timeout.toMillis()));
    if (promoted) {
      String by = release.operator().takePromotion();
      gate.decide(by, "promoted by " + by);
      return true;
    }
    gate.timeOut();
    return false;
  }
}
