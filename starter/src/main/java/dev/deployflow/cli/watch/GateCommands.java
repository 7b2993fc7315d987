package dev.deployflow.cli.watch;

import dev.deployflow.model.ReleaseStatus.GateStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines a person would type to approve a gate: the workflow lists them in
 * {@code gates[].commands}; when it does not, they are derived from the approvers.
 */
final class GateCommands {
  private GateCommands() {}

  /** The {@code deployflow approve …} lines, one per approver. */
  static List<String> deployflow(String application, GateStatus gate) {
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
}
