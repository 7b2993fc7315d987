package dev.deployflow.workflow;

import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.GateState;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseStatus.Approval;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A gate that waits for people, and its rules. An {@link GateKind#APPROVAL} gate needs
 * {@code required} approvals of distinct named approvers (N of M); the requester may not approve
 * their own release unless the pipeline allows it; a gate that no longer waits refuses
 * approvals. An {@link GateKind#ANALYSIS} gate is opened when an analysis was inconclusive: it waits
 * for {@code promote} or {@code rollback}, not for approvals.
 *
 * <p>The {@code refuse…} methods only read, so update validators can call them; they return the
 * reason a person reads, or null when the message is acceptable. Who may approve or reject
 * (the approvers; the requester only with {@code allowSelfApproval}) is decided before them, for
 * every message alike, by {@link Authority}.
 */
final class ApprovalGate {


  private final String name;
  private final GateKind kind;
  private final String application;
  private final List<String> approvers;
  private final int required;
  private final boolean selfApprovalAllowed;
  private final String requester;
  private final String deadline;
  private final List<Approval> approvals = new ArrayList<>();
  private GateState state = GateState.WAITING;
  private String decidedBy;
  private String reason;
  /** For a {@link GateKind#DECISION} gate: the failed step, its error, and whether skip may be chosen. */
  private String failedStep;
  private String error;
  private boolean skippable;
  /** What an approval gate asks people to approve; see {@link #withContext}. */
  private List<String> changes = List.of();
  private List<PlanPreview.VersionChange> diff = List.of();
  private String planSummary;

  ApprovalGate(
      String name,
      GateKind kind,
      String application,
      List<String> approvers,
      int required,
      boolean selfApprovalAllowed,
      String requester,
      String deadline) {
    this.name = name;
    this.kind = kind;
    this.application = application;
    this.approvers = approvers == null ? List.of() : List.copyOf(approvers);
    this.required = required;
    this.selfApprovalAllowed = selfApprovalAllowed;
    this.requester = requester;
    this.deadline = deadline;
  }

  /** Makes this a decision gate about a failed step (guided failure). */
  void failedStep(String step, String error, boolean skippable) {
    this.failedStep = step;
    this.error = error;
    this.skippable = skippable;
  }

  boolean skippable() {
    return skippable;
  }

  String name() {
    return name;
  }

  GateKind kind() {
    return kind;
  }

  boolean isWaiting() {
    return state == GateState.WAITING;
  }

  GateState state() {
    return state;
  }

  String deadline() {
    return deadline;
  }

  int required() {
    return required;
  }

  List<Approval> approvals() {
    return List.copyOf(approvals);
  }

  String decidedBy() {
    return decidedBy;
  }

  String reason() {
    return reason;
  }

  /** The approvals counted against those required, e.g. {@code 1 of 2 approvals}. */
  String progress() {
    return approvals.size() + " of " + required + " approvals";
  }

  /**
   * The release's step while this approval gate waits, e.g. {@code waiting for approval of 2.0.0
   * to production: 0 of 1 approvals (approvers: bob, carol)}: approvals counted of those required,
   * never of the number of approvers.
   */
  String waitingFor(String version) {
    return "waiting for approval of " + version + " to " + name + ": " + progress()
        + " (approvers: " + String.join(", ", approvers) + ")";
  }

  /** How many approvals are still missing. */
  int missing() {
    return Math.max(0, required - approvals.size());
  }

  /** Why this approval cannot count, its sender being an approver ({@link Authority}), or null when it can. */
  String refuseApproval(ApproveMessage message) {
    if (!isWaiting()) {
      return "gate '" + name + "' is no longer waiting (" + state.json() + "); approvals are not accepted any more";
    }
    if (kind == GateKind.DECISION) {
      return "gate '" + name + "' waits for a decision about the failed " + failedStep + ", not for approvals: send "
          + (skippable ? "retry, skip or rollback" : "retry or rollback");
    }
    if (kind != GateKind.APPROVAL) {
      return "gate '" + name + "' waits for a decision, not for approvals: send promote to continue or rollback to undo";
    }
    String by = message.by();
    String sender = refuseSender(by, "approve");
    if (sender != null) {
      return sender;
    }
    for (Approval approval : approvals) {
      if (approval.by().equals(by)) {
        return "'" + by + "' has already approved gate '" + name + "'; one person counts once";
      }
    }
    return null;
  }

  /**
   * This gate's own rule for who may decide it. {@link Authority} has checked the sender against
   * every production wave's approvers; with several waves, each gate's approvers and its
   * {@code allowSelfApproval} are its own (CONTRACT.md: "the waiting gate's approvers").
   */
  private String refuseSender(String by, String verb) {
    if (!approvers.contains(by)) {
      return dev.deployflow.model.InputRules.displayName(by) + " may not " + verb + " gate '" + name
          + "': its approvers are " + String.join(", ", approvers);
    }
    if (by.equals(requester) && !selfApprovalAllowed) {
      return dev.deployflow.model.InputRules.displayName(by) + " requested this release, and gate '" + name
          + "' does not allow self-approval (allowSelfApproval: false)";
    }
    return null;
  }

  /** Counts an approval that {@link #refuseApproval} accepted; the gate opens at the required count. */
  void approve(String by, String at, String comment) {
    approvals.add(new Approval(by, at, comment));
    if (approvals.size() >= required) {
      state = GateState.APPROVED;
      decidedBy = String.join(", ", approvals.stream().map(Approval::by).toList());
    }
  }

  /** Why this rejection cannot count, its sender being an approver ({@link Authority}), or null when it can. */
  String refuseRejection(RejectMessage message) {
    if (!isWaiting()) {
      return "gate '" + name + "' is no longer waiting (" + state.json() + ")";
    }
    if (kind == GateKind.DECISION) {
      return "gate '" + name + "' waits for " + (skippable ? "retry, skip or rollback" : "retry or rollback")
          + "; send rollback to undo the release";
    }
    if (kind != GateKind.APPROVAL) {
      return "gate '" + name + "' waits for promote or rollback; send rollback to undo the release";
    }
    return refuseSender(message.by(), "reject");
  }

  void reject(String by, String why) {
    state = GateState.REJECTED;
    decidedBy = by;
    reason = why;
  }

  void timeOut() {
    state = GateState.EXPIRED;
    reason = "nobody decided before " + deadline;
  }

  /** Closes the gate with a decision that is not an approval or a rejection (a promotion, a rollback). */
  void decide(String by, String why) {
    state = GateState.DECIDED;
    decidedBy = by;
    reason = why;
  }

  /**
   * Sets what the gate asks people to approve: the release's changes, the version diff per
   * component and environment and the plan's summary, shown in status, notification and chat.
   */
  ApprovalGate withContext(List<String> changes, List<PlanPreview.VersionChange> diff, String planSummary) {
    this.changes = changes == null ? List.of() : List.copyOf(changes);
    this.diff = diff == null ? List.of() : List.copyOf(diff);
    this.planSummary = planSummary;
    return this;
  }

  List<String> changes() {
    return changes;
  }

  List<PlanPreview.VersionChange> diff() {
    return diff;
  }

  String planSummary() {
    return planSummary;
  }

  GateStatus toStatus() {
    return new GateStatus(name, kind, state, approvers, List.copyOf(approvals), required, deadline, commands(),
        failedStep, error, changes, diff, planSummary);
  }

  /** The command lines a person would type to act on this gate while it waits. */
  List<String> commands() {
    if (!isWaiting()) {
      return List.of();
    }
    String workflowId = dev.deployflow.model.ReleaseRequest.workflowIdFor(application);
    List<String> commands = new ArrayList<>();
    if (kind == GateKind.APPROVAL) {
      for (String approver : approvers) {
        boolean counted = approvals.stream().anyMatch(a -> a.by().equals(approver));
        if (counted || (approver.equals(requester) && !selfApprovalAllowed)) {
          continue;
        }
        commands.add("deployflow approve " + application + " --by " + approver);
        commands.add("temporal workflow update execute --workflow-id " + workflowId
            + " --name approve --input '{\"by\":\"" + approver + "\"}'");
      }
      return commands;
    }
    String someone = approvers.isEmpty() ? "<your-name>" : approvers.get(0);
    if (kind == GateKind.DECISION) {
      return decisionCommands(workflowId, someone);
    }
    for (String action : List.of("promote", "rollback")) {
      commands.add("deployflow " + action + " " + application + " --by " + someone);
      commands.add("temporal workflow update execute --workflow-id " + workflowId
          + " --name " + action + " --input '{\"by\":\"" + someone + "\"}'");
    }
    return commands;
  }

  /** The three choices of a decision gate (two when the failed step may not be skipped), as typed. */
  private List<String> decisionCommands(String workflowId, String someone) {
    List<String> commands = new ArrayList<>();
    commands.add("deployflow retry " + application + " --by " + someone);
    if (skippable) {
      commands.add("deployflow skip " + application + " --by " + someone + " --reason '<why>'");
    }
    commands.add("deployflow rollback " + application + " --by " + someone);
    String update = "temporal workflow update execute --workflow-id " + workflowId + " --name ";
    commands.add(update + "retry --input '{\"by\":\"" + someone + "\"}'");
    if (skippable) {
      commands.add(update + "skip --input '{\"by\":\"" + someone + "\",\"reason\":\"<why>\"}'");
    }
    commands.add(update + "rollback --input '{\"by\":\"" + someone + "\"}'");
    return commands;
  }

  /** The gate as a person reads it in the timeline. */
  String describe() {
    String what = kind == GateKind.APPROVAL
        ? progress() + "; approvers: " + String.join(", ", approvers)
        : kind == GateKind.DECISION ? "the failed " + failedStep + " waits for " + (skippable ? "retry, skip or rollback" : "retry or rollback")
        : "waits for promote or rollback, not for approvals";
    return kind.json() + " gate '" + name + "' (" + what + "; deadline " + deadline + ")";
  }
}
