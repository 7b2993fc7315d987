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
        String was = env.previousVersion() == null ? "" : (env.version() == null ? " (runs " : " (was ") + env.previousVersion() + ")";
        out.append("- ").append(env.name()).append(": ")
            .append(env.version() == null ? "not deployed yet" : env.version() + " at " + env.weight() + "%")
            .append(was).append(wave(state.waves(), env.name())).append('\n');
      }
    }
    return out.toString();
  }

  /*
   * Where a release rolls out in waves, the UI's reader needs to see which wave is where; a
   * release with one production environment says nothing, since its phase says it all.
   */
  private static String wave(WaveRecords waves, String environment) {
    int number = waves.numberOf(environment);
    if (waves.count() < 2 || number == 0) {
      return "";
    }
    return " — wave " + number + " of " + waves.count() + ", " + waves.of(environment).json().replace('_', ' ');
  }
}
