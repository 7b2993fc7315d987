package dev.deployflow.plan;

import dev.deployflow.activity.DeployCheckActivities.DeployCheck;
import dev.deployflow.activity.DeployCheckActivities.DeployCheckResult;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeWaiter;
import dev.deployflow.pipeline.FreezeSpec;
import java.time.Instant;
import java.util.List;

/**
 * How the deploy check is answered, shared by the worker's activity and the workflow tests' one so
 * that both decide alike: the window and the environment's own freezes first (pure), then, when the
 * window's hours are open or one of the environment's freezes holds the release now, the freeze
 * calendar (a query, and a registration when a freeze holds the release). The calendar is asked
 * while one of the environment's freezes holds, also at night, so that a hotfix held by both
 * learns of both and one breakGlass passes them together.
 */
public final class DeployCheckAnswer {
  private DeployCheckAnswer() {}

  public static DeployCheckResult answer(DeployCheck check, ReleaseClient calendar) {
    Instant at = Instant.ofEpochMilli(check.atMillis());
    List<FreezeSpec> freezes = check.freezes() == null ? List.of() : check.freezes();
    WindowDecision window = DeployWindows.check(at, check.window(), freezes);
    boolean hoursOpen = window.open() || DeployWindows.check(at, check.window(), List.of()).open();
    boolean frozenNow = !freezes.isEmpty() && !DeployWindows.check(at, null, freezes).open();
    if (!hoursOpen && !frozenNow) {
      // The release sleeps until the window opens and then asks again: no calendar question yet.
      return new DeployCheckResult(window, List.of());
    }
    List<Freeze> holding = calendar.freezes().stream().filter(f -> f.appliesTo(check.application())).toList();
    if (!holding.isEmpty()) {
      calendar.registerFreezeWaiter(new FreezeWaiter(check.workflowId(), check.application()));
    }
    return new DeployCheckResult(window, holding);
  }
}
