package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.UnfreezeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stop the line on the real worker and the real Temporal: a freeze holds a release before its
 * production deploy (the target receives none), and the unfreeze lets it finish.
 */
@RealTemporal
class FreezeEndToEndTest {

  @Test
  void aFrozenReleaseHoldsBeforeProductionAndFinishesAfterTheUnfreeze(SharedStack stack) throws InterruptedException {
    var releases = stack.devServer().releases();
    Freeze freeze = releases.freeze(new FreezeMessage("erin", "e2e freeze", null, List.of("e2e-freeze")));
    releases.start(new ReleaseRequest("e2e-freeze", "3.0.0", null, null, null, "alice", List.of(), null));

    ReleaseStatus held = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      held = releases.status("e2e-freeze");
      if (held.currentStep() != null && held.currentStep().contains("held by freeze " + freeze.id())) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(held.currentStep()).as(stack.worker().logTail()).contains("held by freeze " + freeze.id() + " (e2e freeze, by erin");
    assertThat(stack.target().state().events()).as("production deploys while frozen")
        .noneSatisfy(e -> assertThat(e.toString()).contains("production").contains("3.0.0"));

    releases.unfreeze(new UnfreezeMessage("erin", freeze.id()));
    assertThat(releases.awaitResult("e2e-freeze", Duration.ofSeconds(90)).outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(releases.freezes()).extracting(Freeze::id).doesNotContain(freeze.id());
  }
}
