package dev.deployflow.workflow;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.activity.DeployActivities.VersionResult;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestRequest;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.SmokeTest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes environments: records the versions that run before the release, deploys every
 * component at a weight (its migration first on its first deploy to the environment; the
 * components of one layer of the dependency graph at the same time), and runs smoke tests. Before
 * the first deploy of a component to an environment it registers the compensations (undo the
 * migration, deploy the previous version) with the saga, so a rollback that interrupts the deploy
 * still undoes it.
 *
 * <p>The migrations and deploys are activities of the release itself, each with its own summary
 * in the Temporal UI, not a child workflow per component and step: a child that runs one activity
 * costs four workflow tasks and nine of the release's events where the activity costs one task
 * and six events, and the worker's CPU follows workflow tasks (bench/results/profile.md). What a
 * child gave (a cancellation that waits until the running call has answered) the activity options
 * give the same way ({@link Activities#deploy}).
 */
final class Deployments {
  private final ReleaseContext release;
  private final GuidedFailure guided;
  private final LayerDeployment layers;

  Deployments(ReleaseContext release, GuidedFailure guided) {
    this.release = release;
    this.guided = guided;
    this.layers = new LayerDeployment(release, this, guided);
  }

  /** Where a failed step waits for a person under {@code onFailure: ask}. */
  GuidedFailure guided() {
    return guided;
  }

  /**
   * Reads the version each component runs in the environment, for rollback. Components without a
   * version probe are recorded as unknown: their rollback has nothing to restore.
   *
   * @throws ActivityFailure when a probe fails after its retries
   */
  void recordPreviousVersions(Environment environment) {
    recordPreviousVersions(environment, true);
  }

  /**
   * Reads the versions as {@link #recordPreviousVersions(Environment)} does; with {@code enter}
   * false the release does not move into the environment (a read before an approval gate: a code
   * rollback then still undoes the environment the release is in).
   */
  void recordPreviousVersions(Environment environment, boolean enter) {
    ReleaseState.EnvironmentRecord record = enter
        ? release.state().enter(environment.name())
        : release.state().environment(environment.name());
    // The probes only read, and each is independent of the others: they run at the same time, so
    // that an environment's probes cost the release one workflow task instead of one each.
    List<Component> unknown = release.plan().components().stream()
        .filter(c -> !record.knowsPrevious(c.name())).toList();
    List<Component> probed = unknown.stream()
        .filter(c -> c.deploy() != null && c.deploy().currentVersion() != null).toList();
    if (!probed.isEmpty()) {
      release.state().running("read current version of " + inWords(probed.stream().map(Component::name).toList())
          + " in " + environment.name());
    }
    List<Promise<VersionResult>> reads = new ArrayList<>();
    for (Component component : probed) {
      String summary = "read current version of " + component.name() + " in " + environment.name();
      DeployActivities probe = Activities.probe(summary);
      reads.add(Async.function(probe::readCurrentVersion, new VersionProbeRequest(
          component.name(), environment.name(), component.deploy().currentVersion(),
          release.vars(environment.name(), component.name(), null, null))));
    }
    // Every probe has answered before any is judged, so that a failed one never leaves another
    // running (Promise.allOf would end at the first failure).
    Workflow.await(() -> reads.stream().allMatch(Promise::isCompleted));
    for (Component component : unknown) {
      int i = probed.indexOf(component);
      VersionResult result = i < 0 ? null : reads.get(i).get();
      String previous = result == null ? null : result.version();
      record.previous(component.name(), previous);
      release.state().event(component.name() + " runs " + (previous == null ? "no known version" : previous)
          + " in " + environment.name());
    }
  }

  /**
   * Deploys every component to the environment at the weight, layer by layer ({@link
   * dev.deployflow.plan.ReleasePlan#layers}): a layer of one component deploys as it always has, the
   * components of a larger layer at the same time ({@link LayerDeployment}). Before a layer starts,
   * the first deploy of each of its components to the environment registers its compensations, the
   * whole layer's before any of it runs, so that a rollback undoes the layers in reverse
   * (reverse topological order) and also undoes a component that was cancelled half-way.
   *
   * @throws ActivityFailure when a component's migration or deploy fails after its retries
   */
  void deployAll(Environment environment, int weight) {
    ReleaseState.EnvironmentRecord record = release.state().enter(environment.name());
    for (List<Component> layer : release.plan().layers()) {
      if (release.operator().holdIfPaused()) {
        // The pause may have outlasted the deploy window, or a freeze came meanwhile.
        recheck(environment, "the deploy of " + inWords(layer.stream().map(Component::name).toList())
            + " to " + environment.name());
      }
      // A rollback that arrived in the same workflow task as the last result must not register
      // compensations (an undo of a migration that never ran) for a layer that will never start.
      if (CancellationScope.current().isCancelRequested()) {
        CancellationScope.throwCanceled();
      }
      List<Boolean> first = new ArrayList<>();
      for (Component component : layer) {
        first.add(register(environment, component, record));
      }
      if (layer.size() == 1) {
        deployComponent(environment, layer.get(0), weight, first.get(0), record);
      } else {
        layers.deploy(environment, layer, first, weight, record);
      }
    }
  }

  /**
   * Registers the compensations of a component's first deploy to an environment (undo its
   * migration, deploy its previous version).
   *
   * @return whether this is its first deploy there, which runs its migration
   */
  private boolean register(Environment environment, Component component, ReleaseState.EnvironmentRecord record) {
    String env = environment.name();
    String key = env + "/" + component.name();
    if (release.saga().hasDeployed(key)) {
      return false;
    }
    if (component.migrate() != null) {
      if (component.migrate().down() != null) {
        release.saga().register(Compensation.undoMigration(env, component.name(), component.migrate().down()));
      } else {
        release.state().event("migration of " + component.name() + " has no undo: a rollback keeps its schema");
      }
    }
    release.saga().register(Compensation.deployPrevious(
        env, component.name(), record.previous(component.name()), component.deploy()));
    release.saga().deployed(key);
    return true;
  }

  /**
   * Deploys one component. Under {@code onFailure: ask} a failed migration or
   * deploy waits for a decision: a retry runs the failed step again with a fresh idempotency key
   * (the compensations stay registered once, above); a rollback, or the deadline, rethrows the
   * failure, which rolls the release back as without guided failure.
   */
  private void deployComponent(Environment environment, Component component, int weight, boolean first,
      ReleaseState.EnvironmentRecord record) {
    String env = environment.name();
    boolean migrate = first;
    for (int attempt = 1; ; attempt++) {
      try {
        deployStep(environment, component, weight, migrate, record, attempt, true);
        return;
      } catch (ActivityFailure e) {
        Failures.rethrowIfCancellation(e);
        if (!GuidedFailure.asks(environment)) {
          throw e;
        }
        boolean migrationFailed = migrationFailed(component, migrate, e);
        String step = failedStep(environment, component, weight, migrationFailed);
        if (guided.decide(environment, step, Failures.reason(e), false) != FailureDecision.Choice.RETRY) {
          throw e;
        }
        // The decision may have taken until after the window closed, or a freeze came meanwhile.
        recheck(environment, "the retry of the " + step);
        // A migration that passed is not run again; one that failed is.
        migrate = migrationFailed;
      }
    }
  }

  /**
   * A production deploy that waited after the rollout's own check (a pause between layers, a
   * decision before a retry) found that its environment never opens again; the rollout fails with
   * this reason, as it does when its own check says so.
   */
  static final class NeverOpens extends RuntimeException {
    NeverOpens(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Checks the deploy window and the freezes again before a production deploy that has waited
   * since the rollout's check (CONTRACT.md: the check precedes every production step); other
   * environments have neither.
   *
   * @throws NeverOpens when the environment never opens again
   */
  void recheck(Environment environment, String before) {
    if (release.plan().wave(environment.name()) == null) {
      return;
    }
    String closed = new DeployHold(release).await(environment, before);
    if (closed != null) {
      throw new NeverOpens(closed);
    }
  }

  /** Whether the failure is the component's migration's (it ran first and failed), not its deploy's. */
  static boolean migrationFailed(Component component, boolean migrate, ActivityFailure e) {
    return migrate && component.migrate() != null && "RunCommand".equals(e.getActivityType());
  }

  /** The failed step as the decision gate names it. */
  String failedStep(Environment environment, Component component, int weight, boolean migrationFailed) {
    return migrationFailed
        ? "migration of " + component.name() + " in " + environment.name()
        : "deploy of " + component.name() + " " + release.version() + " to " + environment.name() + " at " + weight + "%";
  }

  /** Names in a sentence: {@code api}, {@code web and worker}, {@code a, b and c}. */
  static String inWords(List<String> names) {
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /**
   * Runs one component's step: its migration first when asked, then its deploy, each an activity
   * with its own summary and an idempotency key of the step ({@code .../migrate},
   * {@code .../deploy}).
   *
   * @param alone whether it is the only step running: then it is the release's current step; the
   *     components of a layer share one current step, which {@link LayerDeployment} keeps
   */
  void deployStep(Environment environment, Component component, int weight, boolean migrate,
      ReleaseState.EnvironmentRecord record, int attempt, boolean alone) {
    String env = environment.name();
    Map<String, String> vars = release.vars(env, component.name(), weight, record.previous(component.name()));
    // A retried step gets a fresh key: the first attempt's key may have been spent on the failure.
    String key = release.key(env + "/" + component.name() + "@" + weight + (attempt > 1 ? "/retry-" + (attempt - 1) : ""));
    String again = attempt > 1 ? " (attempt " + attempt + ")" : "";
    String step = "deploy of " + component.name();
    release.operator().stepStarted(step);
    try {
      if (migrate && component.migrate() != null) {
        String summary = "migrate " + component.name() + " in " + env;
        if (alone) {
          release.state().running(summary + again);
        }
        Activities.command(summary, Durations.parseOr(component.migrate().timeout(), Activities.DEFAULT_COMMAND_TIMEOUT))
            .runCommand(new CommandRequest(summary, component.migrate().up(), vars, key + "/migrate"));
      }
      String summary = "deploy " + component.name() + " " + release.version() + " to " + env + " at " + weight + "%" + again;
      if (alone) {
        release.state().running(summary);
      }
      Activities.deploy(summary, Durations.parseOr(component.deploy().timeout(), Activities.DEFAULT_COMMAND_TIMEOUT))
          .deploy(new DeployRequest(release.application(), component.name(), env, release.version(), weight,
              component.deploy(), vars, key + "/deploy"));
    } finally {
      release.operator().stepEnded(step);
    }
    record.deployed(component.name(), release.version(), weight);
    release.state().event(component.name() + " " + release.version() + " deployed to " + env + " at " + weight + "%");
  }

  /**
   * Runs the environment's smoke tests in order.
   *
   * @return the first failure, as a person reads it, or null when every test passed
   */
  String smokeTest(Environment environment) {
    List<SmokeTest> tests = environment.smokeTests() == null ? List.of() : environment.smokeTests();
    for (SmokeTest test : tests) {
      String failure = smokeTest(environment, test);
      while (failure != null && GuidedFailure.asks(environment)) {
        // onFailure: ask: a person retries the test, skips it (recorded) or rolls back.
        FailureDecision.Choice choice = guided.decide(environment, "smoke test " + test.name() + " in " + environment.name(),
            failure, true);
        if (choice == null) {
          break;
        }
        failure = choice == FailureDecision.Choice.SKIP ? null : smokeTest(environment, test);
      }
      if (failure != null) {
        return "smoke test " + test.name() + " failed in " + environment.name() + ": " + failure;
      }
    }
    return null;
  }

  /** Runs one smoke test; returns its error as the activity gave it, or null when it passed. */
  private String smokeTest(Environment environment, SmokeTest test) {
    String summary = "smoke test " + test.name() + " in " + environment.name();
    release.state().running(summary);
    try {
      Activities.smokeTests(summary).runSmokeTest(new SmokeTestRequest(
          environment.name(), test, release.vars(environment.name(), null, null, null)));
      release.state().event("smoke test " + test.name() + " passed in " + environment.name());
      return null;
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      return Failures.reason(e);
    }
  }
}
