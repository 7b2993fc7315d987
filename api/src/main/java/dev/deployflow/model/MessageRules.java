package dev.deployflow.model;

import java.util.ArrayList;
import java.util.List;

/** What the operator messages share of the input rules: collecting problems, and the optional gate name. */
final class MessageRules {
  /**
   * The longest gate name. A gate is named after its environment (or {@code analysis}), and
   * CONTRACT.md gives environment names no rule, so a gate name is only kept short and printable;
   * refusals quote it safely.
   */
  static final int MAX_GATE = 100;

  private MessageRules() {}

  /** The optional {@code gate}: absent means the gate waiting now. */
  static String gate(String gate) {
    if (gate == null) {
      return null;
    }
    if (gate.length() > MAX_GATE) {
      return "gate: " + InputRules.quote(gate) + " is longer than " + MAX_GATE + " characters";
    }
    for (int i = 0; i < gate.length(); i++) {
      if (InputRules.isControl(gate.charAt(i))) {
        return "gate: " + InputRules.quote(gate) + " must not contain control characters";
      }
    }
    return null;
  }

  static List<String> problems(String... found) {
    List<String> problems = new ArrayList<>();
    for (String problem : found) {
      if (problem != null) {
        problems.add(problem);
      }
    }
    return List.copyOf(problems);
  }
}
