package dev.deployflow.workflow;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.pipeline.CommandSpec;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.Durations;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The release's saga: every action that changes an environment registers its compensation here
 * BEFORE it runs; a rollback runs the compensations of the environments it undoes in reverse order
 * of registration, each retried by Temporal. {@code status.compensations} lists every registered
 * compensation in the order of registration ({@link #toStatus}); the post-mortem and the release
 * log list them in the order they ran ({@link #inRunOrder}, {@link #log}), which is how a person
 * reads what a rollback did.
 */
final class Saga {
  private final List<Compensation> registered = new ArrayList<>();
  /** The compensations a rollback ran (done, failed or skipped), in the order it ran them. */
  private final List<Compensation> ran = new ArrayList<>();
  private final java.util.Set<String> deployed = new java.util.HashSet<>();
  private ReleaseContext release;

  /** Binds the saga to its release (the context holds the saga, so it is bound after both exist). */
  void bind(ReleaseContext release) {
    this.release = release;
  }

  /** Registers a compensation before its action runs. */
  void register(Compensation compensation) {
    registered.add(compensation);
  }

  /** Whether a component was already deployed to an environment ({@code env/component}) by this release. */
  boolean hasDeployed(String environmentAndComponent) {
    return deployed.contains(environmentAndComponent);
  }

  void deployed(String environmentAndComponent) {
    deployed.add(environmentAndComponent);
  }

  /** Every registered compensation, in the order of registration. */
  List<CompensationStatus> toStatus() {
    return registered.stream().map(Compensation::toStatus).toList();
  }

  /** The compensations that ran (done, failed or skipped), in the order they ran: what was undone. */
  List<CompensationStatus> inRunOrder() {
    return ran.stream().map(Compensation::toStatus).toList();
  }

  /** The compensation log: those that ran, in the order they ran, then the others in the order of registration. */
  List<CompensationStatus> log() {
    List<CompensationStatus> log = new ArrayList<>(inRunOrder());
    registered.stream().filter(c -> !ran.contains(c)).map(Compensation::toStatus).forEach(log::add);
    return log;
  }

  /**
   * Runs the pending compensations of one environment, or of all environments when
   * {@code environment} is null, in reverse order of registration. The compensations of one
   * component in one environment depend on each other (its migration is undone only once it runs
   * its previous version again), so after one of them failed the component's later ones are
   * skipped and reported; other components are still undone, so that as much as possible is.
   *
   * @return what could not be undone (failed after every retry, or skipped for it), each naming
   *     the state it leaves; empty when everything was undone
   */
  List<String> compensate(String environment) {
    return compensate(environment == null ? null : java.util.Set.of(environment));
  }

  /**
   * Runs the pending compensations of the given environments, or of all when {@code environments}
   * is null, in reverse order of registration, as {@link #compensate(String)} does for one. Waves
   * register in the order they roll out, so wave N is undone before wave N-1.
   */
  List<String> compensate(java.util.Collection<String> environments) {
    List<String> failed = new ArrayList<>();
    java.util.Map<String, Compensation> failedByComponent = new java.util.HashMap<>();
    for (int i = registered.size() - 1; i >= 0; i--) {
      Compensation c = registered.get(i);
      if (!c.isPending() || (environments != null && !environments.contains(c.environment()))) {
        continue;
      }
      String key = c.environment() + "/" + c.component();
      Compensation blocker = c.component() == null ? null : failedByComponent.get(key);
      if (blocker != null) {
        String left = leftState(c);
        ran.add(c);
        c.ended(Compensation.SKIPPED, "not run: '" + blocker.action() + "' failed, and " + left);
        release.state().failure("compensation skipped: " + c.action() + " (" + blocker.action() + " failed)");
        failed.add(c.action() + ": skipped (" + left + ")");
        release.state().failure("action needed: " + c.component() + " in " + c.environment() + " is left as it is ("
            + left + "); restore it by hand ('" + blocker.action() + "'), then run '" + c.action() + "' yourself");
        continue;
      }
      String problem = run(c);
      if (problem != null) {
        failed.add(c.action() + ": " + problem + " (" + leftState(c) + ")");
        if (c.component() != null) {
          failedByComponent.put(key, c);
        }
      }
    }
    return failed;
  }

  /** What a component runs now, as a person must know it to finish a failed rollback by hand. */
  private String leftState(Compensation c) {
    String deployed = release.state().environment(c.environment()).deployedOf(c.component());
    return c.component() + " runs " + (deployed == null ? "what it ran before or an unknown version" : deployed)
        + " in " + c.environment();
  }

  /**
   * The components a rollback could not restore because their previous version is unknown (no
   * version probe): they still run the candidate, and the outcome must say so.
   */
  List<String> unrestored() {
    List<String> out = new ArrayList<>();
    for (Compensation c : ran) {
      if (c.kind() == Compensation.Kind.DEPLOY_PREVIOUS && c.previousVersion() == null
          && c.state() == Compensation.SKIPPED) {
        out.add(c.component() + " was not restored in " + c.environment()
            + ": it has no version probe, so its previous version is unknown");
      }
    }
    return out;
  }

  /** Registers the configuration rollback and runs it at once. Returns a problem, or null. */
  String rollBackConfiguration(CommandSpec command) {
    Compensation c = Compensation.configRollback(command);
    registered.add(c);
    return run(c);
  }

  /** Marks what no rollback needed: it stays as it is. */
  void closeUnused() {
    for (Compensation c : registered) {
      if (c.isPending()) {
        c.ended(Compensation.NOT_RUN, "not needed: this environment keeps " + release.version());
      }
    }
  }

  private String run(Compensation c) {
    ran.add(c);
    ReleaseState state = release.state();
    state.running("compensating: " + c.action());
    if (c.kind() == Compensation.Kind.DEPLOY_PREVIOUS && c.previousVersion() == null) {
      String deployed = state.environment(c.environment()).deployedOf(c.component());
      c.ended(Compensation.SKIPPED, "not rolled back: " + c.component() + " has no version probe, so the version it ran in "
          + c.environment() + " before this release is unknown; it still runs "
          + (deployed == null ? "what this release deployed" : deployed));
      state.event("compensation skipped: " + c.action() + " (no version probe: not rolled back)");
      return null;
    }
    try {
      switch (c.kind()) {
        case DEPLOY_PREVIOUS -> deployPrevious(c);
        case UNDO_MIGRATION, CONFIG_ROLLBACK -> runCommand(c);
      }
      c.ended(Compensation.DONE, null);
      state.event("compensation done: " + c.action());
      return null;
    } catch (ActivityFailure e) {
      // A rollback runs in a detached scope, so this is never a cancellation: the retries are spent.
      String reason = Failures.reason(e);
      c.ended(Compensation.FAILED, reason);
      state.failure("compensation failed: " + c.action() + ": " + reason);
      return reason;
    } catch (DataConverterException e) {
      // It ran, but what it answered cannot be read here: nobody can say it restored anything.
      String reason = "its result " + Failures.undecodable(e);
      c.ended(Compensation.FAILED, reason);
      state.failure("compensation failed: " + c.action() + ": " + reason);
      return reason;
    }
  }

  private void deployPrevious(Compensation c) {
    DeploySpec spec = c.deploy();
    String summary = "roll back " + c.component() + " to " + c.previousVersion() + " in " + c.environment();
    Activities.compensatingDeploy(summary, Durations.parseOr(spec.timeout(), Activities.DEFAULT_COMMAND_TIMEOUT))
        .deploy(new DeployRequest(
            release.application(), c.component(), c.environment(), c.previousVersion(), 100, spec,
            release.vars(c.previousVersion(), c.environment(), c.component(), 100, release.version()),
            release.key("rollback/" + c.environment() + "/" + c.component() + "/deploy")));
    release.state().environment(c.environment()).deployed(c.component(), c.previousVersion(), 100);
  }

  private void runCommand(Compensation c) {
    CommandSpec spec = c.command();
    String step = c.kind() == Compensation.Kind.CONFIG_ROLLBACK
        ? "rollback/config"
        : "rollback/" + c.environment() + "/" + c.component() + "/migrate-undo";
    String previous = c.environment() == null
        ? release.state().previousVersion()
        : release.state().environment(c.environment()).previous(c.component());
    Activities.compensatingCommand(c.action(), Durations.parseOr(spec.timeout(), Activities.DEFAULT_COMMAND_TIMEOUT))
        .runCommand(new CommandRequest(
            c.action(), spec, release.vars(c.environment(), c.component(), null, previous), release.key(step)));
  }
}
