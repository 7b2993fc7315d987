package dev.deployflow.workflow;

import dev.deployflow.activity.DeployCheckActivities.DeployCheck;
import dev.deployflow.activity.DeployCheckActivities.DeployCheckResult;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.plan.WindowDecision;
import java.time.Duration;
import java.time.Instant;

/**
 * Holds the release before a production step until the environment's deploy window is open and
 * no freeze holds it. Each round is one activity ({@link Activities#deployCheck}) that decides the
 * window at the release's time and asks the freeze calendar; while the window is closed the
 * release sleeps on a timer until it opens, and while a freeze holds it, {@link FreezeHold} waits
 * to be woken (a hotfix may break the glass). Then it asks again, as time has passed. For a
 * standard release the environment's own freezes close the window like its hours do; a hotfix's
 * that hold it now are a freeze hold, which breakGlass passes.
 */
final class DeployHold {
  private final ReleaseContext release;

  DeployHold(ReleaseContext release) {
    this.release = release;
  }

  /**
   * Waits until the release may deploy to the environment.
   *
   * @param before what the release does once it may deploy, for its current step
   * @return why the environment never opens, or null once the release may deploy
   */
  String await(Environment environment, String before) {
    String announced = null;
    while (true) {
      long now = release.state().nowMillis();
      // Counted before the check: a freeze lifted while the check runs wakes the release at once.
      int wakeUps = release.freezes().wakeUps();
      FreezeHold.PipelineFreezes pipelineFreezes = release.freezes().pipelineFreezes(environment, Instant.ofEpochMilli(now));
      // Said before the check: while it runs, an update that waits for the release to move
      // answers with where the release is going.
      release.state().running("check the deploy window of " + environment.name() + " before " + before);
      DeployCheckResult result = Activities.deployCheck("check the deploy window and freezes of "
              + environment.name() + " before " + before)
          .checkDeploy(new DeployCheck(release.application(), release.workflowId(), environment.name(),
              environment.window(), pipelineFreezes.judged(), now));
      WindowDecision decision = result.window();
      if (!decision.open() && pipelineFreezes.holding().isEmpty()) {
        if (decision.opensAt() == null) {
          release.operator().release();
          return environment.name() + " does not open for deploys: " + decision.reason();
        }
        if (!decision.reason().equals(announced)) {
          release.state().event("held for " + environment.name() + ": " + decision.reason());
          announced = decision.reason();
        }
        // Held by the window's hours (or, for a standard release, by a pipeline freeze): no freeze
        // that breakGlass could pass holds the release now.
        release.freezes().notHeld();
        release.operator().hold(Operator.Hold.DEPLOY_WINDOW, decision.reason());
        release.state().waiting("waiting to deploy to " + environment.name() + ": " + decision.reason());
        Instant starts = pipelineFreezes.changes();
        if (starts != null && starts.isBefore(decision.opensAt())) {
          // A hotfix looks again when one of the environment's freezes starts: from then on that
          // freeze holds it, and breakGlass may pass it.
          Waits.sleep(Duration.between(Instant.ofEpochMilli(now), starts),
              "a freeze of " + environment.name() + " starts at " + starts + ": check again");
        } else {
          Waits.sleep(Duration.between(Instant.ofEpochMilli(now), decision.opensAt()),
              "deploy window of " + environment.name() + " opens at " + decision.opensAt());
        }
        continue;
      }
      if (announced != null && decision.open()) {
        release.state().event("deploy window open: " + decision.reason());
        announced = null;
      }
      if (release.freezes().waitWhileHeld(result.freezes(), pipelineFreezes, decision, wakeUps, environment.name(), before)) {
        continue;
      }
      release.operator().release();
      return null;
    }
  }
}
