package dev.deployflow.workflow;

import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Environment;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys the components of one layer of the dependency graph at the same time: each component's
 * step ({@link Deployments#deployStep}) started together in a cancellation scope of the layer's
 * own, and waits for all of them. When one fails, the others are cancelled and their cancellation
 * is waited for (the deploys and migrations are activities with {@code WAIT_CANCELLATION_COMPLETED}),
 * so that nothing of the layer still runs when the release decides what to do: roll back, or under
 * {@code onFailure: ask} hold one decision gate for the failed step. A retry runs the failed
 * component again (a fresh idempotency key, as a retried step has) together with the components
 * that were cancelled (their own key again: their step was interrupted, not failed); components
 * that had finished stay deployed. A rollback requested meanwhile cancels the layer through the
 * release's forward scope, and also waits for every step to end before it compensates.
 */
final class LayerDeployment {
  private final ReleaseContext release;
  private final Deployments deployments;
  private final GuidedFailure guided;

  LayerDeployment(ReleaseContext release, Deployments deployments, GuidedFailure guided) {
    this.release = release;
    this.deployments = deployments;
    this.guided = guided;
  }

  /** One component's part in the layer, across the layer's attempts. */
  private static final class Part {
    final Component component;
    boolean migrate;
    int attempt = 1;
    boolean done;
    boolean running;
    /** Its migration or deploy failed (not a cancellation): the activity's failure. */
    ActivityFailure failure;
    /** Its result could not be read on this worker: the release handles it as any undecodable result. */
    DataConverterException undecodable;
    /** It was cancelled: by a failed sibling, or by a rollback of the release. */
    RuntimeException cancelled;

    Part(Component component, boolean migrate) {
      this.component = component;
      this.migrate = migrate;
    }

    String name() {
      return component.name();
    }
  }

  /**
   * Deploys the layer.
   *
   * @param first for each component, whether this is its first deploy to the environment (its
   *     migration runs first)
   * @throws ActivityFailure the failure of the component that failed first, once every other
   *     step of the layer has ended, when the release rolls back
   */
  void deploy(Environment environment, List<Component> layer, List<Boolean> first, int weight,
      ReleaseState.EnvironmentRecord record) {
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < layer.size(); i++) {
      parts.add(new Part(layer.get(i), first.get(i)));
    }
    while (true) {
      List<Part> pending = parts.stream().filter(p -> !p.done).toList();
      Part failed = runTogether(environment, pending, weight, record);
      if (failed == null) {
        return;
      }
      ActivityFailure e = failed.failure;
      if (!GuidedFailure.asks(environment)) {
        throw e;
      }
      String step = deployments.failedStep(environment, failed.component, weight,
          Deployments.migrationFailed(failed.component, failed.migrate, e));
      if (guided.decide(environment, step, Failures.reason(e), false) != FailureDecision.Choice.RETRY) {
        throw e;
      }
      // The decision may have taken until after the window closed, or a freeze came meanwhile.
      deployments.recheck(environment, "the retry of the " + step);
      // As for a component deployed alone: a failed step runs again with a fresh key, and a
      // migration that passed is not run again, one that failed is. (Two components of the layer
      // may have failed before the cancellation reached the second; both run again so.)
      for (Part p : pending) {
        if (p.failure != null) {
          p.migrate = Deployments.migrationFailed(p.component, p.migrate, p.failure);
          p.attempt++;
        }
      }
    }
  }

  /**
   * Runs the pending parts together and waits until every one has ended.
   *
   * @return the part that failed first, or null when all were deployed
   */
  private Part runTogether(Environment environment, List<Part> pending, int weight,
      ReleaseState.EnvironmentRecord record) {
    Part[] firstFailed = new Part[1];
    for (Part p : pending) {
      p.failure = null;
      p.undecodable = null;
      p.cancelled = null;
      p.running = true;
    }
    release.state().running(summary(pending, environment, weight));
    List<Promise<Void>> steps = new ArrayList<>();
    CompletablePromise<Void> failing = Workflow.newPromise();
    CancellationScope layer = Workflow.newCancellationScope(() -> {
      for (Part p : pending) {
        steps.add(Async.procedure(() -> runPart(environment, p, weight, record, pending, firstFailed, failing)));
      }
    });
    layer.run();
    // Promise.get, not Workflow.await: a rollback cancels the release's scope, and the layer must
    // still wait for its steps to end (they record their outcome instead of throwing).
    Promise<Void> all = Promise.allOf(steps);
    Promise.anyOf(all, failing).get();
    Part failed = firstFailed[0];
    if (failed != null && !all.isCompleted()) {
      List<String> others = pending.stream().filter(p -> p.running).map(Part::name).toList();
      String why = (failed.failure != null ? "deploy of " + failed.name() + " failed: " + Failures.reason(failed.failure)
          : "the result of the deploy of " + failed.name() + " " + Failures.undecodable(failed.undecodable));
      release.state().event(why + "; cancelling the deploy of " + Deployments.inWords(others));
      release.state().running(why + "; waiting for the cancelled deploy of " + Deployments.inWords(others) + " to end");
      layer.cancel(why);
      // WAIT_CANCELLATION_COMPLETED: each cancelled step ends once its running call has answered.
      all.get();
    }
    // Surfaces anything a step's thread threw that is none of the outcomes recorded in its part.
    steps.forEach(Promise::get);
    if (CancellationScope.current().isCancelRequested()) {
      // A rollback (or a Temporal cancellation) stopped the layer: it goes on as the release's cancellation.
      for (Part p : pending) {
        if (p.cancelled != null) {
          throw p.cancelled;
        }
      }
      CancellationScope.throwCanceled();
    }
    if (failed != null && failed.undecodable != null) {
      throw failed.undecodable;
    }
    return failed;
  }

  private void runPart(Environment environment, Part part, int weight, ReleaseState.EnvironmentRecord record,
      List<Part> pending, Part[] firstFailed, CompletablePromise<Void> failing) {
    try {
      deployments.deployStep(environment, part.component, weight, part.migrate, record, part.attempt, false);
      part.done = true;
    } catch (ActivityFailure e) {
      if (Failures.isCancellation(e)) {
        part.cancelled = e;
      } else {
        part.failure = e;
        if (firstFailed[0] == null) {
          firstFailed[0] = part;
          failing.complete(null);
        }
      }
    } catch (CanceledFailure e) {
      // Cancelled before its activity was scheduled.
      part.cancelled = e;
    } catch (DataConverterException e) {
      part.undecodable = e;
      if (firstFailed[0] == null) {
        firstFailed[0] = part;
        failing.complete(null);
      }
    } finally {
      part.running = false;
      stillRunning(pending, environment, weight, firstFailed[0] != null);
    }
  }

  /** Keeps the current step naming what of the layer still runs, once one of its steps has ended. */
  private void stillRunning(List<Part> pending, Environment environment, int weight, boolean failing) {
    List<Part> running = pending.stream().filter(p -> p.running).toList();
    if (running.isEmpty() || failing) {
      return;
    }
    if (release.operator().rollbackRequested()) {
      release.state().running("waiting for the running " + release.operator().runningStep() + " to end before rolling back");
    } else {
      release.state().running(summary(running, environment, weight));
    }
  }

  /** {@code deploy web and worker 1.2.0 to production at 10%}, as one step of the release. */
  private String summary(List<Part> parts, Environment environment, int weight) {
    int attempt = parts.stream().mapToInt(p -> p.attempt).max().orElse(1);
    return "deploy " + Deployments.inWords(parts.stream().map(Part::name).toList()) + " " + release.version() + " to "
        + environment.name() + " at " + weight + "%" + (attempt > 1 ? " (attempt " + attempt + ")" : "");
  }
}
