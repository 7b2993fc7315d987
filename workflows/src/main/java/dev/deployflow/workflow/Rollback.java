package dev.deployflow.workflow;

import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.WaveState;
import dev.deployflow.pipeline.CommandSpec;
import dev.deployflow.plan.Wave;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a rollback at one of the three levels of CONTRACT.md. {@code config} runs the pipeline's
 * configuration rollback only; {@code code} runs the saga's compensations of the environment the
 * release is in now (production from the rollout on, staging before; in production wave N, waves
 * N…1), in reverse order, migrations included; {@code full} runs the compensations of every environment the release touched, then the
 * configuration rollback, and announces the rollback to users (the post-mortem follows at
 * completion). It runs in a detached scope: neither a cancellation nor a second request stops it.
 *
 * <p>The levels are ordered config &lt; code &lt; full, and a rollback under way can be raised
 * ({@link Operator#raiseRollback}). {@code config} and {@code code} undo different things (the
 * configuration, the current environment's code), but a code rollback is the bigger step back, so
 * it ranks higher; {@code full} holds both. A raise is carried out after the running level's
 * compensations have finished, and only its extra work runs: what already ran (a compensation done,
 * failed or skipped, the configuration rollback) does not run again.
 */
final class Rollback {
  private final ReleaseContext release;
  private final Notifier notifier;
  private boolean configurationDone;
  private RollbackLevel carriedOut;
  private RollbackMessage raisedBy;

  Rollback(ReleaseContext release, Notifier notifier) {
    this.release = release;
    this.notifier = notifier;
  }

  /**
   * Rolls back at {@code level}, then at every higher level someone raised it to meanwhile.
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
    carryOut(level, reason, failed);
    finished(level, by, failed);
    carriedOut = level;
    RollbackMessage raise = release.operator().raisedRollback();
    while (raise != null && raise.effectiveLevel().compareTo(carriedOut) > 0) {
      RollbackLevel higher = raise.effectiveLevel();
      String why = raise.reason() == null || raise.reason().isBlank() ? "no reason given" : raise.reason();
      state.running("rolling back (" + higher.json() + ", raised by " + raise.by() + "): " + why);
      state.event("rollback raised from " + carriedOut.json() + " to " + higher.json() + " started: " + why, raise.by());
      carryOut(higher, why, failed);
      finished(higher, raise.by(), failed);
      carriedOut = higher;
      raisedBy = raise;
      raise = release.operator().raisedRollback();
    }
    return failed;
  }

  /** The level finally carried out (the highest one asked for), or null before {@link #run}. */
  RollbackLevel carriedOut() {
    return carriedOut;
  }

  /** The raise that set the level finally carried out, or null when nobody raised it. */
  RollbackMessage raisedBy() {
    return raisedBy;
  }

  private void carryOut(RollbackLevel level, String reason, List<String> failed) {
    ReleaseState state = release.state();
    switch (level) {
      case CONFIG -> {
        configuration(failed);
        // The code stays where it is; the waves' states still say how far each came.
        rolledBack(environment -> false);
      }
      case CODE -> {
        String environment = state.currentEnvironment();
        if (environment == null) {
          state.event("nothing was deployed yet: no code to roll back");
        } else {
          List<String> scope = codeScope(environment);
          if (scope.size() > 1) {
            List<String> order = new ArrayList<>(scope);
            java.util.Collections.reverse(order);
            state.event("rolling back waves " + String.join(", ", order) + ", in that order");
          }
          failed.addAll(release.saga().compensate(scope));
          rolledBack(scope::contains);
        }
      }
      case FULL -> {
        failed.addAll(release.saga().compensate((java.util.Collection<String>) null));
        rolledBack(environment -> true);
        configuration(failed);
        notifier.send(Notifier.ANNOUNCEMENT, release.application() + " " + release.version()
            + " has been rolled back everywhere it was deployed: " + reason
            + ". We are sorry for the disruption; a post-mortem follows.");
      }
    }
  }

  /**
   * What a code rollback undoes: the environment the release is in; in a production wave, that
   * wave and every wave before it (the saga undoes them from the latest back to the first).
   */
  private List<String> codeScope(String environment) {
    Wave wave = release.plan() == null ? null : release.plan().wave(environment);
    if (wave == null) {
      return List.of(environment);
    }
    List<String> scope = new ArrayList<>();
    for (Wave w : release.plan().waves()) {
      if (w.number() <= wave.number()) {
        scope.add(w.name());
      }
    }
    return List.copyOf(scope);
  }

  /**
   * Marks the waves the rollback undid (those it covers that the release had deployed to); closes
   * the states of the others, so that a finished release shows no wave still under way.
   */
  private void rolledBack(java.util.function.Predicate<String> covered) {
    if (release.plan() == null) {
      return;
    }
    for (Wave w : release.plan().waves()) {
      WaveState now = release.state().waves().of(w.name());
      boolean touched = now == WaveState.ROLLING_OUT || now == WaveState.VERIFYING || now == WaveState.STABILIZING
          || now == WaveState.DONE || now == WaveState.FAILED;
      if (touched && covered.test(w.name())) {
        release.state().wave(w.name(), WaveState.ROLLED_BACK);
      } else if (now == WaveState.AWAITING_APPROVAL) {
        // Its gate was closed by the rollback and nothing was deployed there: it never started.
        release.state().wave(w.name(), WaveState.PENDING);
      } else if (now == WaveState.ROLLING_OUT || now == WaveState.VERIFYING || now == WaveState.STABILIZING) {
        // Stopped half-way and not undone (a configuration rollback): it did not finish.
        release.state().wave(w.name(), WaveState.FAILED);
      }
    }
  }

  private void finished(RollbackLevel level, String by, List<String> failed) {
    release.state().event("rollback (" + level.json() + ") finished" + (failed.isEmpty() ? "" : " with " + failed.size()
        + " compensation(s) failed"), by);
  }

  private void configuration(List<String> failed) {
    if (configurationDone) {
      return;
    }
    configurationDone = true;
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
