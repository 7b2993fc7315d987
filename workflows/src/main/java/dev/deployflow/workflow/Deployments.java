package dev.deployflow.workflow;

import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.activity.DeployActivities.VersionResult;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestRequest;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.SmokeTest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Changes environments: records the versions that run before the release, deploys every
 * component at a weight through one {@link ComponentRolloutWorkflow} child each, and runs smoke
 * tests. Before the first deploy of a component to an environment it registers the compensations
 * (undo the migration, deploy the previous version) with the saga, so a rollback that interrupts
 * the deploy still undoes it.
 */
final class Deployments {
  private final ReleaseContext release;
  private final GuidedFailure guided;

  Deployments(ReleaseContext release, GuidedFailure guided) {
    this.release = release;
    this.guided = guided;
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
    for (Component component : release.plan().components()) {
      if (record.knowsPrevious(component.name())) {
        continue;
      }
      String previous = null;
      if (component.deploy() != null && component.deploy().currentVersion() != null) {
        String summary = "read current version of " + component.name() + " in " + environment.name();
        release.state().running(summary);
        VersionResult result = Activities.probe(summary).readCurrentVersion(new VersionProbeRequest(
            component.name(), environment.name(), component.deploy().currentVersion(),
            release.vars(environment.name(), component.name(), null, null)));
        previous = result == null ? null : result.version();
      }
      record.previous(component.name(), previous);
      release.state().event(component.name() + " runs " + (previous == null ? "no known version" : previous)
          + " in " + environment.name());
    }
  }

  /**
   * Deploys every component, in pipeline order, to the environment at the weight. The first deploy
   * of a component to an environment registers its compensations and runs its migration.
   *
   * @throws ChildWorkflowFailure when a component's migration or deploy fails after its retries
   */
  void deployAll(Environment environment, int weight) {
    ReleaseState.EnvironmentRecord record = release.state().enter(environment.name());
    String env = environment.name();
    for (Component component : release.plan().components()) {
      release.operator().holdIfPaused();
      String key = env + "/" + component.name();
      boolean first = !release.saga().hasDeployed(key);
      if (first) {
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
      }
      deployComponent(environment, component, weight, first, record);
    }
  }

  /**
   * Deploys one component through its child. Under {@code onFailure: ask} a failed migration or
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
        runChild(environment, component, weight, migrate, record, attempt);
        return;
      } catch (ChildWorkflowFailure e) {
        Failures.rethrowIfCancellation(e);
        if (!GuidedFailure.asks(environment)) {
          throw e;
        }
        boolean migrationFailed = migrate && component.migrate() != null && failedActivity(e, "RunCommand");
        String step = migrationFailed
            ? "migration of " + component.name() + " in " + env
            : "deploy of " + component.name() + " " + release.version() + " to " + env + " at " + weight + "%";
        if (guided.decide(environment, step, Failures.reason(e), false) != FailureDecision.Choice.RETRY) {
          throw e;
        }
        // A migration that passed is not run again; one that failed is.
        migrate = migrationFailed;
      }
    }
  }

  private static boolean failedActivity(ChildWorkflowFailure e, String type) {
    return e.getCause() instanceof ActivityFailure activity && type.equals(activity.getActivityType());
  }

  private void runChild(Environment environment, Component component, int weight, boolean migrate,
      ReleaseState.EnvironmentRecord record, int attempt) {
    String env = environment.name();
    String summary = "deploy " + component.name() + " " + release.version() + " to " + env + " at " + weight + "%"
        + (attempt > 1 ? " (attempt " + attempt + ")" : "");
    release.state().running(summary);
    ComponentRolloutWorkflow child = Workflow.newChildWorkflowStub(
        ComponentRolloutWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(release.workflowId() + "/" + env + "/" + component.name())
            .setStaticSummary(summary)
            // A rollback waits until the child has ended its deploy (see Activities#changing).
            .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setStaticDetails((migrate && component.migrate() != null ? "Runs the migration of " + component.name()
                + " first. " : "") + "Part of release " + release.version() + " of " + release.application() + ".")
            .build());
    release.operator().stepStarted("deploy of " + component.name());
    try {
      child.deploy(new ComponentRolloutWorkflow.Request(
          release.application(), release.version(), component, env, weight, migrate,
          release.vars(env, component.name(), weight, record.previous(component.name())),
          // A retried step gets a fresh key: the first attempt's key may have been spent on the failure.
          release.key(env + "/" + component.name() + "@" + weight + (attempt > 1 ? "/retry-" + (attempt - 1) : ""))));
    } finally {
      release.operator().stepEnded();
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
