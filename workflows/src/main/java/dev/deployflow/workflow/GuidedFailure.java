package dev.deployflow.workflow;

import dev.deployflow.model.GateKind;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.Permissions;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Guided failure: in an environment with {@code onFailure: ask}, a failed deploy, migration, smoke
 * test or analysis holds the release at a gate of kind {@code decision} that names the step and its
 * error, tells people ({@code decision_needed}) and waits for {@code retry}, {@code skip} (smoke
 * tests and analyses only) or {@code rollback}, at most the environment's {@code decisionTimeout};
 * then it rolls back. The wait is one durable timer, cancelled when someone decides, so a decision
 * adds a handful of events to the history and a retried step adds its own.
 */
final class GuidedFailure {
  /** The name of the gate a failed step opens. */
  static final String DECISION_GATE = "decision";

  private final ReleaseContext release;
  private final Notifier notifier;

  GuidedFailure(ReleaseContext release, Notifier notifier) {
    this.release = release;
    this.notifier = notifier;
  }

  /** Whether a failure in the environment waits for a person instead of rolling back at once. */
  static boolean asks(Environment environment) {
    return environment != null && environment.asksOnFailure();
  }

  /**
   * Holds the release at a decision gate until someone decides or the deadline passes.
   *
   * @param step the failed step as a person names it, e.g. {@code smoke test health in production}
   * @param error its error as the activity gave it (already masked there)
   * @param skippable whether {@code skip} may be chosen (smoke tests and analyses, never a deploy or migration)
   * @return the choice, or null when nobody decided before the deadline (the release rolls back)
   * @throws CanceledFailure when a rollback (or a cancellation) interrupts the wait
   */
  FailureDecision.Choice decide(Environment environment, String step, String error, boolean skippable) {
    Duration timeout = Durations.parseOr(environment.decisionTimeoutOrDefault(), Duration.ofMinutes(30));
    long deadline = release.state().nowMillis() + timeout.toMillis();
    List<String> deciders = Permissions.of(release.pipeline(), release.request().requestedBy())
        .allowed(Permissions.Action.RETRY);
    ApprovalGate gate = new ApprovalGate(DECISION_GATE, GateKind.DECISION, release.application(), deciders, 1, true,
        release.request().requestedBy(), Instant.ofEpochMilli(deadline).toString());
    gate.failedStep(step, error, skippable);
    String choices = skippable ? "retry, skip or rollback" : "retry or rollback";
    release.state().addGate(gate);
    release.state().event(step + " failed: " + error + "; waiting for a decision (" + choices + ") until "
        + gate.deadline());
    release.state().waiting("waiting for a decision: " + step + " failed: " + error + " (" + choices
        + "; rolls back at " + gate.deadline() + ")");
    FailureDecision decision = release.operator().decision();
    // Open before the notification goes out, so that a retry sent while it is on its way is taken.
    decision.open(gate, step, skippable);
    try {
      notifier.send(Notifier.DECISION_NEEDED,
          release.application() + " " + release.version() + ": " + step + " failed: " + error + ". Choose "
              + choices + " by " + gate.deadline() + "; it rolls back then.",
          "deployflow retry " + release.application() + " --by <your-name>",
          "/deploy retry " + release.application());
      boolean decided = Waits.until(timeout, "decision deadline (" + Durations.format(timeout) + "): " + choices,
          decision::chosen);
      if (!decided) {
        gate.timeOut();
        release.state().event("nobody decided on the failed " + step + " before " + gate.deadline() + "; rolling back");
        return null;
      }
      FailureDecision.Choice choice = decision.choice();
      String by = decision.by();
      gate.decide(by, choice == FailureDecision.Choice.RETRY ? "retry by " + by : "skipped by " + by + ": " + decision.reason());
      if (choice == FailureDecision.Choice.SKIP) {
        // For the post-mortem's list of what failed: a skipped step failed all the same.
        release.state().failure(step + " failed: " + error + " (skipped by " + by + ": " + decision.reason() + ")");
      }
      release.state().running(choice == FailureDecision.Choice.RETRY ? "retrying " + step : "skipped " + step);
      return choice;
    } catch (CanceledFailure e) {
      // A rollback decided: the gate says so instead of waiting on in the status.
      String by = release.operator().rollbackRequested() ? release.operator().rollback().by() : "temporal";
      gate.decide(by, "rollback by " + by);
      throw e;
    } finally {
      decision.close();
    }
  }
}
