package dev.deployflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.RunState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** When the demo announces and gives an approval: only once the gate waits and the console shows it. */
class ApprovalWatcherTest {
  private static final String COMMAND = "./deployflow approve demo-shop --by bob --temporal 127.0.0.1:7400";

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final AtomicReference<ReleaseStatus> status = new AtomicReference<>();
  private final AtomicBoolean shown = new AtomicBoolean();
  private final List<String> approved = new ArrayList<>();

  private final ApprovalWatcher watcher = watcher(status::get);

  @Test
  void saysNothingWhileStagingDeploysAndNoGateWaits() {
    status.set(status(Phase.STAGING, RunState.RUNNING, List.of()));
    shown.set(true);

    watcher.poll();

    assertThat(console()).isEmpty();
    assertThat(approved).isEmpty();
  }

  @Test
  void waitsForTheLiveViewToShowTheGateThenAnnouncesAndApprovesOnce() {
    status.set(status(Phase.APPROVAL, RunState.WAITING, List.of(gate("waiting"))));

    watcher.poll();
    assertThat(console()).as("the console still shows staging").isEmpty();
    assertThat(approved).isEmpty();

    shown.set(true);
    watcher.poll();
    watcher.poll();

    assertThat(console())
        .contains(">>> demo-shop 1.1.0 waits for approval at the production gate (approvers: bob, carol).")
        .contains(">>>     " + COMMAND)
        .contains(">>> bob approved in chat");
    assertThat(console().split("waits for approval", -1)).hasSize(2);
    assertThat(approved).containsExactly("demo-shop production");
  }

  @Test
  void aGateNoLongerWaitingIsLeftAlone() {
    status.set(status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, List.of(gate("approved"))));
    shown.set(true);

    watcher.poll();

    assertThat(console()).isEmpty();
    assertThat(approved).isEmpty();
  }

  @Test
  void anotherVersionsStatusIsIgnored() {
    ReleaseStatus other = status(Phase.APPROVAL, RunState.WAITING, List.of(gate("waiting")));
    status.set(new ReleaseStatus(other.application(), "1.0.9", other.requestedBy(), other.phase(),
        other.state(), other.currentStep(), null, null, List.of(), other.gates(), List.of(), List.of(),
        List.of(), List.of(), List.of()));
    shown.set(true);

    watcher.poll();

    assertThat(console()).isEmpty();
  }

  @Test
  void aReleaseNotStartedYetIsPolledAgainQuietly() {
    AtomicReference<RuntimeException> failure =
        new AtomicReference<>(new ReleaseNotFoundException("demo-shop", "deploy-demo-shop", null));
    ApprovalWatcher early = watcher(() -> {
      if (failure.get() != null) {
        throw failure.get();
      }
      return status.get();
    });
    shown.set(true);

    early.poll();
    assertThat(console()).isEmpty();

    failure.set(null);
    status.set(status(Phase.APPROVAL, RunState.WAITING, List.of(gate("waiting"))));
    early.poll();

    assertThat(approved).containsExactly("demo-shop production");
  }

  @Test
  void anUnexpectedFailureIsReportedOnceAndPollingGoesOn() {
    ApprovalWatcher broken = watcher(() -> {
      throw new IllegalStateException("status decoder broken");
    });

    broken.poll();
    broken.poll();

    assertThat(console().split("status decoder broken", -1)).hasSize(2);
    assertThat(console()).contains(">>> Could not read the release's status: ");
  }

  private ApprovalWatcher watcher(java.util.function.Supplier<ReleaseStatus> statuses) {
    return new ApprovalWatcher(
        statuses,
        gate -> shown.get(),
        "demo-shop",
        "1.1.0",
        COMMAND,
        (application, gate) -> {
          approved.add(application + " " + gate);
          return "bob approved in chat";
        },
        new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  private String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  private static GateStatus gate(String state) {
    return new GateStatus("production", dev.deployflow.model.GateKind.APPROVAL,
        dev.deployflow.model.GateState.fromJson(state), List.of("bob", "carol"), List.of(), 1,
        "2026-01-01T10:00:00Z", List.of());
  }

  private static ReleaseStatus status(Phase phase, RunState state, List<GateStatus> gates) {
    return new ReleaseStatus("demo-shop", "1.1.0", "alice", phase, state, "-", null, "1.0.0",
        List.of(), gates, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
