package dev.deployflow.workflow;

import dev.deployflow.model.RollbackLevel;
import dev.deployflow.pipeline.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a rollback at one of the three levels of CONTRACT.md. {@code config} runs the pipeline's
 * configuration rollback only; {@code code} runs the saga's compensations of the environment the
 * release is in now (production from the rollout on, staging before), in reverse order, migrations
 * included; {@code full} runs the compensations of every environment the release touched, then the
 * configuration rollback, and announces the rollback to users (the post-mortem follows at
 * completion). It runs in a detached scope: neither a cancellation nor a second request stops it.
 */
final class Rollback {
  private final ReleaseContext release;
  private final Notifier notifier;

  Rollback(ReleaseContext release, Notifier notifier) {
    this.release = release;
    this.notifier = notifier;
  }

  /**
   * Rolls back.
   *
   * @return what could not be undone after every retry; empty when everything was
   */
  List<String> run(RollbackLevel level, String by, String reason) {
    ReleaseState state = release.state();
    ApprovalGate waiting = state.waitingGate();
    if (waiting != null) {
      waiting.decide(by, "rolled back: " + reason);
    }
    state.running("rolling back (" + level.json() + "): " + reason);
    state.event("rollback (" + level.json() + ") started: " + reason, by);
    List<String> failed = new ArrayList<>();
    switch (level) {
      case CONFIG -> configuration(failed);
      case CODE -> {
        String environment = state.currentEnvironment();
        if (environment == null) {
          state.event("nothing was deployed yet: no code to roll back");
        } else {
          failed.addAll(release.saga().compensate(environment));
        }
      }
      case FULL -> {
        failed.addAll(release.saga().compensate(null));
        configuration(failed);
        notifier.send(Notifier.ANNOUNCEMENT, release.application() + " " + release.version()
            + " has been rolled back everywhere it was deployed: " + reason
            + ". We are sorry for the disruption; a post-mortem follows.");
      }
    }
    state.event("rollback (" + level.json() + ") finished" + (failed.isEmpty() ? "" : " with " + failed.size()
        + " compensation(s) failed"), by);
    return failed;
  }

  private void configuration(List<String> failed) {
    CommandSpec command = release.pipeline() == null || release.pipeline().rollback() == null
        ? null
        : release.pipeline().rollback().config();
    if (command == null || command.command() == null || command.command().isEmpty()) {
      release.state().event("no configuration rollback defined in the pipeline");
      return;
    }
    String problem = release.saga().rollBackConfiguration(command);
    if (problem != null) {
      failed.add("configuration rollback: " + problem);
    }
  }
}
