package dev.deployflow.cli.watch;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import java.util.ArrayList;
import java.util.List;

/** The closing lines of a watch: outcome, summary, and what the exit code will be. */
final class ResultText {
  private ResultText() {}

  static List<String> lines(ReleaseResult result) {
    List<String> lines = new ArrayList<>();
    String outcome = result.outcome() == null ? "unknown" : result.outcome().json();
    lines.add(result.application() + " " + result.version() + " " + outcome
        + (result.previousVersion() == null ? "" : " (previous version " + result.previousVersion() + ")"));
    if (result.summary() != null && !result.summary().isBlank()) {
      lines.add(result.summary());
    }
    lines.add("exit code " + (result.outcome() == Outcome.SUCCEEDED ? 0 : 1));
    return lines;
  }
}
