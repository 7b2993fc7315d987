package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseStatus.EnvironmentStatus;
import java.util.List;

/**
 * The release as the Temporal UI shows it in the workflow's current details (Markdown). It reads
 * only the few fields it shows, not the whole status: it is built on every change of the release's
 * state, dozens of times per release.
 */
final class ReleaseDetails {
  private ReleaseDetails() {}

  static String markdown(ReleaseState state) {
    StringBuilder out = new StringBuilder();
    out.append("**").append(state.shownApplication()).append(' ').append(state.shownVersion()).append("** — phase `")
        .append(state.phase().json()).append("`, ").append(state.runState().json());
    if (state.outcome() != null) {
      out.append(", outcome `").append(state.outcome().json()).append('`');
    }
    out.append("\n\n").append(state.currentStep());
    List<EnvironmentStatus> environments = state.environmentStatus();
    if (!environments.isEmpty()) {
      out.append("\n\n");
      for (EnvironmentStatus env : environments) {
        out.append("- ").append(env.name()).append(": ")
            .append(env.version() == null ? "not deployed yet" : env.version() + " at " + env.weight() + "%")
            .append(env.previousVersion() == null ? "" : " (was " + env.previousVersion() + ")").append('\n');
      }
    }
    return out.toString();
  }
}
