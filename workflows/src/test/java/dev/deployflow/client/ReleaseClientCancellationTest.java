package dev.deployflow.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A release cancelled through Temporal closes as Canceled (the Java SDK's rule), yet the client
 * reports the release's own outcome, {@code aborted}, as CONTRACT.md promises. This runs the real
 * release workflow with mocked activities.
 */
class ReleaseClientCancellationTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aCancelledReleaseReadsAsAbortedWithItsVersion() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    harness.stub().cancel();
    harness.awaitClosed();

    ReleaseClient client = new ReleaseClient(harness.client(), DeploymentWorkflow.TASK_QUEUE);
    ReleaseResult result =
        client.awaitResult(harness.status().application(), Duration.ofSeconds(30));

    assertThat(result.outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(result.version()).isEqualTo("1.2.0");
    assertThat(result.summary()).startsWith("cancelled through Temporal and rolled back");
    assertThat(result.startedAt()).isNotNull();
    assertThat(result.finishedAt()).isNotNull();
  }
}
