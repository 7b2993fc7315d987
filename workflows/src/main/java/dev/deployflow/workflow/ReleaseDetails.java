package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.EnvironmentStatus;

/** The release as the Temporal UI shows it in the workflow's current details (Markdown). */
final class ReleaseDetails {
  private ReleaseDetails() {}

  static String markdown(ReleaseState state) {
    ReleaseStatus s = state.toStatus();
    StringBuilder out = new StringBuilder();
    out.append("**").append(s.application()).append(' ').append(s.version()).append("** — phase `")
        .append(s.phase().json()).append("`, ").append(s.state().json());
    if (s.outcome() != null) {
      out.append(", outcome `").append(s.outcome().json()).append('`');
    }
    out.append("\n\n").append(s.currentStep());
    if (!s.environments().isEmpty()) {
      out.append("\n\n");
      for (EnvironmentStatus env : s.environments()) {
        out.append("- ").append(env.name()).append(": ")
            .append(env.version() == null ? "not deployed yet" : env.version() + " at " + env.weight() + "%")
            .append(env.previousVersion() == null ? "" : " (was " + env.previousVersion() + ")").append('\n');
      }
    }
    return out.toString();
  }
}
