package dev.deployflow.cli.watch;

import dev.deployflow.cli.CommandHints;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines a person would type to approve a gate: the workflow lists them in
 * {@code gates[].commands}; when it does not, they are derived from the approvers.
 */
final class GateCommands {
  private GateCommands() {}

  /**
   * The {@code deployflow approve …} lines, one per approver, written as the hints say (the
   * program as typed, {@code --temporal} when needed) so that each runs as copied.
   */
  static List<String> deployflow(String application, GateStatus gate, CommandHints hints) {
    List<String> lines = new ArrayList<>();
    for (String command : commands(gate)) {
      if (command.startsWith("deployflow ")) {
        lines.add(command);
      }
    }
    if (lines.isEmpty() && gate.approvers() != null) {
      for (String approver : gate.approvers()) {
        lines.add("deployflow approve " + application + " --by " + approver);
      }
    }
    lines.replaceAll(hints::rewrite);
    return lines;
  }

  /** The Temporal CLI equivalents, as the workflow lists them. */
  static List<String> temporal(GateStatus gate) {
    List<String> lines = new ArrayList<>();
    for (String command : commands(gate)) {
      if (command.startsWith("temporal ")) {
        lines.add(command);
      }
    }
    return lines;
  }

  private static List<String> commands(GateStatus gate) {
    return gate.commands() == null ? List.of() : gate.commands();
  }

  /**
   * What a gate is waiting for, in words: approvals counted against the required number, or, for
   * a gate of another {@code kind} (the one an inconclusive analysis opens), a decision to promote
   * or roll back, which is not counted in approvals.
   */
  static String tally(GateStatus gate) {
    if (gate.kind() == dev.deployflow.model.GateKind.DECISION) {
      // A failed step (guided failure): skip is offered only for a smoke test or analysis.
      boolean skippable = commands(gate).stream().anyMatch(c -> c.startsWith("deployflow skip "));
      return "decision: " + (skippable ? "retry, skip or rollback" : "retry or rollback");
    }
    if (gate.kind() != null && gate.kind() != dev.deployflow.model.GateKind.APPROVAL) {
      return "decision: promote or rollback";
    }
    int approved = gate.approvals() == null ? 0 : gate.approvals().size();
    return approved + "/" + gate.required() + " approvals";
  }
}
