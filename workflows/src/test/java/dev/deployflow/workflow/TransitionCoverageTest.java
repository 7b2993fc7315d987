package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseEvent;
import static dev.deployflow.workflow.support.Calls.deployOf;
import static dev.deployflow.workflow.support.Calls.smokeIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.DeployActivities.VersionResult;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestResult;
import dev.deployflow.model.Phase;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.ReleaseStateMachine.Transition;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every transition of {@link ReleaseStateMachine}'s table is taken by a release. The test drives
 * its own releases, one per way through the table, and reads the transitions each took from its
 * status: it depends on no other test class, on no order and on no shared state, so it passes run
 * alone as in the whole suite.
 */
class TransitionCoverageTest {

  /** A short release: no approval, one step at 100%, a 10-minute stability window. */
  private static TestPipelines quick() {
    return TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of()))
        .stability("10m", "5m", TestPipelines.ERROR_RATE);
  }

  @Test
  void everyTransitionOfTheTableIsTakenByARelease() {
    Set<Transition> seen = new LinkedHashSet<>();
    // The way forward to the end.
    seen.addAll(run(quick(), h -> h.start(ReleaseHarness.request("1.2.0")), null));
    // Gate 1 fails: nothing to roll back.
    seen.addAll(run(quick().requireRollbackPlan(), h -> h.start(ReleaseHarness.request("1.2.0")), null));
    // A rollback with the start: preparation -> rollback -> completion.
    seen.addAll(run(quick(), h -> h.signalWithStart(ReleaseHarness.request("1.2.0"), "rollback",
        new RollbackMessage("erin", "by mistake", RollbackLevel.CODE)), null));
    // Staging: its smoke test fails, or a rollback interrupts it.
    seen.addAll(run(quick(), h -> {
      when(h.mocks.smokeTests.runSmokeTest(argThat(smokeIn("staging"))))
          .thenThrow(ApplicationFailure.newNonRetryableFailure("health: 503", "SmokeTestFailed"));
      h.start(ReleaseHarness.request("1.2.0"));
    }, null));
    seen.addAll(rollbackAt(quick(), "smoke test health in staging", h ->
        when(h.mocks.smokeTests.runSmokeTest(argThat(smokeIn("staging")))).thenAnswer(h.mocks.blocking(new SmokeTestResult("health", 200, 1)))));
    // Approval: rejected, or rolled back while it waits.
    seen.addAll(run(TestPipelines.standard(), h -> {
      h.start(ReleaseHarness.request("1.2.0"));
      h.awaitGate("production");
      h.workflow().reject(new RejectMessage("bob", null, "not today"));
    }, null));
    seen.addAll(run(TestPipelines.standard(), h -> {
      h.start(ReleaseHarness.request("1.2.0"));
      h.awaitGate("production");
      h.workflow().rollback(new RollbackMessage("bob", "not today", RollbackLevel.CODE));
    }, null));
    // Production rollout: a deploy fails, or a rollback interrupts it.
    seen.addAll(run(quick(), h -> {
      when(h.mocks.deploy.deploy(argThat(deployOf("api", "1.2.0", "production"))))
          .thenThrow(ApplicationFailure.newNonRetryableFailure("HTTP 400", "DeployRefused"));
      h.start(ReleaseHarness.request("1.2.0"));
    }, null));
    seen.addAll(rollbackAt(quick(), "read current version of api and web in production", h ->
        when(h.mocks.deploy.readCurrentVersion(argThat(r -> r != null && r.environment().equals("production"))))
            .thenAnswer(h.mocks.blocking(new VersionResult(MockActivities.PREVIOUS)))));
    // Verification: a smoke test fails, or a rollback interrupts it.
    seen.addAll(run(quick(), h -> {
      when(h.mocks.smokeTests.runSmokeTest(argThat(smokeIn("production"))))
          .thenThrow(ApplicationFailure.newNonRetryableFailure("checkout: 500", "SmokeTestFailed"));
      h.start(ReleaseHarness.request("1.2.0"));
    }, null));
    seen.addAll(rollbackAt(quick(), "smoke test health in production", h ->
        when(h.mocks.smokeTests.runSmokeTest(argThat(smokeIn("production"))))
            .thenAnswer(h.mocks.blocking(new SmokeTestResult("health", 200, 1)))));
    // Stability: a breach, or a rollback during the window.
    seen.addAll(run(quick(), h -> {
      when(h.mocks.metrics.measure(any())).thenAnswer(MockActivities.value(0.2));
      h.start(ReleaseHarness.request("1.2.0"));
    }, null));
    seen.addAll(rollbackAt(quick(), "stability window 10m", h -> { }));
    // Two production waves: the first's stable window leads to the second's approval.
    seen.addAll(run(quick().wave("production-eu", null, null), h -> h.start(ReleaseHarness.request("1.2.0")), null));

    System.out.println("phase transitions exercised: " + seen.size() + " of " + ReleaseStateMachine.TRANSITIONS.size());
    Set<Transition> missing = new LinkedHashSet<>(ReleaseStateMachine.TRANSITIONS);
    missing.removeAll(seen);
    assertThat(missing).as("transitions no release took").isEmpty();
  }

  /** Starts a release, rolls it back once its step contains the text, and returns its transitions. */
  private static Set<Transition> rollbackAt(TestPipelines pipeline, String step, Consumer<ReleaseHarness> stubs) {
    return run(pipeline, h -> {
      stubs.accept(h);
      h.start(ReleaseHarness.request("1.2.0"));
      // A blocked activity keeps the history busy: only a release waiting on a timer settles.
      if (step.startsWith("stability window")) {
        h.awaitWaiting(step);
      } else {
        h.awaitStep(step);
      }
      h.workflow().rollback(new RollbackMessage("carol", "stop", RollbackLevel.CODE));
    }, null);
  }

  private static Set<Transition> run(TestPipelines pipeline, Consumer<ReleaseHarness> drive, Phase unused) {
    try (ReleaseHarness harness = new ReleaseHarness(pipeline.build())) {
      drive.accept(harness);
      harness.mocks.releaseBlocked();
      try {
        // Waiting for the result lets test time skip past the release's timers.
        harness.stub().getResult(dev.deployflow.model.ReleaseResult.class);
      } catch (io.temporal.client.WorkflowException failedOrCancelled) {
        // A failed gate 1 ends the run failed; its transitions are in the status all the same.
      }
      return transitions(harness.status());
    }
  }

  private static Set<Transition> transitions(ReleaseStatus status) {
    Set<Transition> out = new LinkedHashSet<>();
    for (ReleaseStatus.TimelineEvent event : status.timeline()) {
      Transition t = Transition.parse(event.event());
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void theTableRefusesWhatItDoesNotHold() {
    ReleaseStateMachine machine = new ReleaseStateMachine(t -> { });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> machine.fire(ReleaseEvent.ROLLED_BACK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no transition from phase preparation on rolled back");
    assertThat(ReleaseStateMachine.next(Phase.COMPLETION, ReleaseEvent.ROLLBACK_REQUESTED)).isNull();
    for (Transition t : ReleaseStateMachine.TRANSITIONS) {
      assertThat(Transition.parse(t.describe())).isEqualTo(t);
    }
  }
}
