package dev.deployflow.worker.chat;

import dev.deployflow.model.ReleaseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a release status as chat text: one summary line, or a few lines of detail. Every value
 * from the release is escaped for Slack ({@link SlackText}), so none can format, link or notify.
 */
public final class StatusText {
  private StatusText() {}

  /** One line: application, version, phase, state and current step. */
  public static String summary(ReleaseStatus status) {
    StringBuilder line = new StringBuilder();
    line.append('*').append(SlackText.escape(status.application())).append(' ')
        .append(SlackText.escape(status.version())).append('*');
    if (status.phase() != null) {
      line.append(" — phase ").append(status.phase().json());
    }
    if (status.state() != null) {
      line.append(", ").append(status.state().json());
    }
    if (status.outcome() != null) {
      line.append(", outcome ").append(status.outcome().json());
    }
    if (status.currentStep() != null && !status.currentStep().isBlank()) {
      line.append(": ").append(SlackText.escape(status.currentStep()));
    }
    return line.toString();
  }

  /** The summary, then environments, gates and refused messages, one per line. */
  public static String detail(ReleaseStatus status) {
    List<String> lines = new ArrayList<>();
    lines.add(
        summary(status)
            + (status.requestedBy() == null
                ? ""
                : " (requested by " + SlackText.escape(status.requestedBy()) + ")"));
    if (status.environments() != null && !status.environments().isEmpty()) {
      lines.add(
          "environments: "
              + status.environments().stream()
                  .map(e -> SlackText.escape(e.name()) + " " + SlackText.escape(e.version())
                      + " (" + e.weight() + "%)")
                  .collect(Collectors.joining(", ")));
    }
    if (status.gates() != null) {
      for (ReleaseStatus.GateStatus gate : status.gates()) {
        int approvals = gate.approvals() == null ? 0 : gate.approvals().size();
        // A gate of another kind than approval (an inconclusive analysis opens one) waits for
        // promote or rollback, not approvals.
        boolean failedStep = gate.kind() == dev.deployflow.model.GateKind.DECISION;
        boolean skippable = failedStep && gate.commands() != null
            && gate.commands().stream().anyMatch(c -> c.startsWith("deployflow skip "));
        String tally = failedStep
            ? "decision: " + (skippable ? "retry, skip or rollback" : "retry or rollback")
            : gate.kind() != null && gate.kind() != dev.deployflow.model.GateKind.APPROVAL
            ? "decision: promote or rollback"
            : approvals + "/" + gate.required() + " approvals";
        lines.add(
            "gate " + SlackText.escape(gate.name()) + ": " + SlackText.escape(gate.state()) + ", " + tally
                + (gate.approvers() == null || gate.approvers().isEmpty()
                    ? ""
                    : " (approvers: " + gate.approvers().stream().map(SlackText::escape)
                        .collect(Collectors.joining(", ")) + ")")
                + (gate.deadline() == null ? "" : ", deadline " + SlackText.escape(gate.deadline())));
        if (failedStep && gate.state() == dev.deployflow.model.GateState.WAITING) {
          lines.addAll(decisionLines(status.application(), gate, skippable));
        }
        lines.addAll(approvalContext(gate));
      }
    }
    if (status.rejectedMessages() != null && !status.rejectedMessages().isEmpty()) {
      ReleaseStatus.RejectedMessage last =
          status.rejectedMessages().get(status.rejectedMessages().size() - 1);
      lines.add("last refused message: " + SlackText.escape(last.name()) + " by "
          + SlackText.escape(last.by()) + ": " + SlackText.escape(last.reason()));
    }
    return String.join("\n", lines);
  }

  /** A waiting decision gate (guided failure): what failed, and the choices as they are typed. */
  private static List<String> decisionLines(String application, ReleaseStatus.GateStatus gate, boolean skippable) {
    List<String> lines = new ArrayList<>();
    lines.add("failed: " + SlackText.escape(gate.step())
        + (gate.error() == null ? "" : ": " + SlackText.escape(gate.error())));
    String app = SlackText.escape(application);
    lines.add("choose: `/deploy retry " + app + "`"
        + (skippable ? " · `/deploy skip " + app + " <reason>`" : "")
        + " · `/deploy rollback " + app + "`");
    return lines;
  }

  /** What a waiting approval gate asks people to approve: the plan, the changes, the version diff. */
  static List<String> approvalContext(ReleaseStatus.GateStatus gate) {
    List<String> lines = new ArrayList<>();
    if (gate.state() != dev.deployflow.model.GateState.WAITING) {
      return lines;
    }
    if (gate.planSummary() != null && !gate.planSummary().isBlank()) {
      lines.add("  plan: " + SlackText.escape(gate.planSummary()));
    }
    if (gate.changes() != null && !gate.changes().isEmpty()) {
      lines.add("  changes: " + gate.changes().stream().map(SlackText::escape).collect(Collectors.joining("; ")));
    }
    if (gate.diff() != null && !gate.diff().isEmpty()) {
      lines.add("  versions: " + gate.diff().stream().map(d -> SlackText.escape(d.describe()))
          .collect(Collectors.joining("; ")));
    }
    return lines;
  }
}
