package dev.deployflow.worker;

import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RunState;
import java.util.List;

/** Release statuses for tests of the HTTP and chat layers. */
public final class Statuses {
  private Statuses() {}

  /** shop-api 1.2.0 waiting at the production gate, one approval of one needed. */
  public static ReleaseStatus waitingForApproval() {
    return new ReleaseStatus(
        "shop-api",
        "1.2.0",
        "alice",
        Phase.APPROVAL,
        RunState.WAITING,
        "waiting for approval of production",
        null,
        "1.1.0",
        List.of(
            new ReleaseStatus.EnvironmentStatus("staging", "1.2.0", "1.1.0", 100),
            new ReleaseStatus.EnvironmentStatus("production", "1.1.0", "1.1.0", 0)),
        List.of(
            new ReleaseStatus.GateStatus(
                "production",
                dev.deployflow.model.GateKind.APPROVAL,
                dev.deployflow.model.GateState.WAITING,
                List.of("bob", "carol"),
                List.of(),
                1,
                "2026-03-03T10:00:00Z",
                List.of("deployflow approve shop-api"))),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** The same release after bob's approval: rolling out. */
  public static ReleaseStatus rollingOut() {
    ReleaseStatus waiting = waitingForApproval();
    return new ReleaseStatus(
        waiting.application(),
        waiting.version(),
        waiting.requestedBy(),
        Phase.PRODUCTION_ROLLOUT,
        RunState.RUNNING,
        "canary 10%",
        null,
        waiting.previousVersion(),
        waiting.environments(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
