package dev.deployflow.cli;

import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.PlanPreview.PlannedAnalysis;
import dev.deployflow.model.PlanPreview.PlannedEnvironment;
import dev.deployflow.model.PlanPreview.PlannedGate;
import dev.deployflow.model.PlanPreview.PlannedHold;
import dev.deployflow.model.PlanPreview.PlannedRolloutStep;
import dev.deployflow.model.PlanPreview.PlannedStep;
import dev.deployflow.model.PlanPreview.VersionChange;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PlanPreview} as aligned text for a terminal: a header, then one section per part of
 * the plan, each a small table whose first column is padded to its widest cell. Every value that
 * comes from a pipeline or a probe goes through {@link Printable#line}.
 */
final class PlanText {
  private PlanText() {}

  static List<String> render(PlanPreview plan) {
    List<String> lines = new ArrayList<>();
    lines.add("Plan for " + p(plan.application()) + " " + p(plan.version()) + " (" + (plan.kind() == null ? "standard" : plan.kind().json()) + ", pipeline "
        + p(plan.pipeline()) + "), judged at " + p(plan.plannedAt()) + ". Nothing was deployed.");
    lines.add("");
    lines.add("Components (deploy order; a rollback runs in reverse): "
        + String.join(" → ", plan.components().stream().map(PlanText::p).toList()));

    lines.add("");
    lines.add("Versions (live → candidate)");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"environment", "component", "live", "candidate"});
    for (VersionChange change : plan.diff()) {
      rows.add(new String[] {p(change.environment()), p(change.component()),
          change.live() == null ? "(none)" : p(change.live()), p(change.candidate())});
    }
    table(lines, rows);

    lines.add("");
    lines.add("Environments");
    rows = new ArrayList<>();
    boolean waves = plan.environments().stream().filter(PlannedEnvironment::production).count() > 1;
    for (PlannedEnvironment environment : plan.environments()) {
      String tests = environment.smokeTests().isEmpty() ? "no smoke test"
          : "smoke tests " + String.join(", ", environment.smokeTests().stream().map(PlanText::p).toList());
      // With several production waves each says its number, and whose approval it follows.
      String role = !environment.production() ? "pre-production"
          : !waves ? "production"
          : "production wave " + environment.wave()
              + (environment.followsApprovalOf() == null ? "" : " (follows the approval of " + p(environment.followsApprovalOf()) + ")");
      rows.add(new String[] {p(environment.name()), role, tests,
          environment.stability() == null ? "" : "stability " + p(environment.stability())});
    }
    table(lines, rows);

    lines.add("");
    lines.add("Gates");
    rows = new ArrayList<>();
    for (PlannedGate gate : plan.gates()) {
      rows.add(new String[] {p(gate.environment()), gate.kind().json(),
          gate.required() + " of " + String.join(", ", gate.approvers().stream().map(PlanText::p).toList()),
          "timeout " + (gate.timeout() == null ? "default" : p(gate.timeout()))
              + (gate.selfApproval() ? ", self-approval allowed" : ", no self-approval")});
    }
    if (rows.isEmpty()) {
      lines.add("  (none: the release needs nobody's approval)");
    }
    table(lines, rows);

    lines.add("");
    lines.add("Rollout");
    rows = new ArrayList<>();
    for (PlannedRolloutStep step : plan.rollout()) {
      rows.add(new String[] {step.weight() + "%", step.pause() == null ? "no pause" : "pause " + p(step.pause()),
          step.analyses().isEmpty() ? "no analysis"
              : String.join("; ", step.analyses().stream().map(PlanText::analysis).toList())});
    }
    table(lines, rows);

    lines.add("");
    lines.add("Deploy windows and freezes (now)");
    rows = new ArrayList<>();
    for (PlannedHold hold : plan.holds()) {
      rows.add(new String[] {p(hold.environment()), hold.open() ? "open" : "HELD",
          hold.open() ? p(hold.reason()) : p(hold.reason()) + (hold.opensAt() == null ? "" : " (opens " + p(hold.opensAt()) + ")")});
    }
    if (rows.isEmpty()) {
      lines.add("  (none: no deploy window and no freeze)");
    }
    table(lines, rows);

    lines.add("");
    lines.add("Steps");
    rows = new ArrayList<>();
    int n = 1;
    for (PlannedStep step : plan.steps()) {
      rows.add(new String[] {(n++) + ".", step.kind().json(), p(step.detail())});
    }
    table(lines, rows);

    lines.add("");
    lines.add("Minimum duration: " + p(plan.minimumDuration())
        + " (pauses, analyses, stability; builds, deploys and approvals add to it)");
    lines.add("Summary: " + p(plan.summary()));
    return lines;
  }

  private static String analysis(PlannedAnalysis a) {
    List<String> bounds = new ArrayList<>();
    if (a.max() != null) {
      bounds.add("max " + a.max());
    }
    if (a.min() != null) {
      bounds.add("min " + a.min());
    }
    if (a.maxIncrease() != null) {
      bounds.add("maxIncrease " + p(a.maxIncrease()));
    }
    bounds.add(a.count() + " × " + p(a.interval()));
    bounds.add("failureLimit " + a.failureLimit());
    return p(a.metric()) + " (" + String.join(", ", bounds) + ")";
  }

  /** Appends the rows indented by two, every column but the last padded to its widest cell. */
  private static void table(List<String> lines, List<String[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < columns; c++) {
        line.append(c == columns - 1 ? row[c] : pad(row[c], widths[c] + 2));
      }
      lines.add(line.toString().stripTrailing());
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private static String p(String value) {
    return value == null ? "" : Printable.line(value);
  }
}
