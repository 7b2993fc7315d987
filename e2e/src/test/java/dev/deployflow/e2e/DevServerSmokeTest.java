package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The infrastructure works end to end: a release started on the real Temporal runs on the real
 * worker process and deploys to the demo target.
 */
@RealTemporal
class DevServerSmokeTest {

  @Test
  void aReleaseStartedOnTheDevServerRunsOnTheWorkerProcessToTheEnd(SharedStack stack) {
    var releases = stack.devServer().releases();
    releases.start(
        new ReleaseRequest("e2e-smoke", "2.0.0", null, null, null, "alice", List.of(), null));

    ReleaseResult result = releases.awaitResult("e2e-smoke", Duration.ofSeconds(90));

    assertThat(result.outcome()).as(stack.worker().logTail()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(stack.target().state().events())
        .as("deploys the target received")
        .anySatisfy(e -> assertThat(e.toString()).contains("production").contains("2.0.0"));
  }
}
