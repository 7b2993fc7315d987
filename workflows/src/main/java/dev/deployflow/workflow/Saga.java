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
import java.util.Objects;

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
   * {@code environment} is null, in reverse order of registration. Every compensation runs even
   * when an earlier one failed, so that as much as possible is undone.
   *
   * @return what could not be undone after every retry, empty when everything was
   */
  List<String> compensate(String environment) {
    List<String> failed = new ArrayList<>();
    for (int i = registered.size() - 1; i >= 0; i--) {
      Compensation c = registered.get(i);
      if (!c.isPending() || (environment != null && !Objects.equals(environment, c.environment()))) {
        continue;
      }
      String problem = run(c);
      if (problem != null) {
        failed.add(c.action() + ": " + problem);
      }
    }
    return failed;
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
      c.ended(Compensation.SKIPPED, c.component() + " ran no known version in " + c.environment()
          + " before this release; nothing to restore");
      state.event("compensation skipped: " + c.action());
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
    release.state().environment(c.environment()).deployed(c.previousVersion(), 100);
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
