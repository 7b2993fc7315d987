package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.workflow.support.Histories;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded release histories (committed under {@code src/test/resources/histories}) with
 * the current workflow code: a change that would break a running release fails here. Re-record
 * them with {@code -Ddeployflow.recordHistories=true} (see {@link Histories}).
 */
class ReplayTest {

  @ParameterizedTest
  // busy-approve: an update answered while the release was busy, its bounded wait's timer in history.
  // window: a release held by a deploy window, its window decisions recorded as side-effect markers.
  @ValueSource(strings = {"happy", "rollback", "escalation", "busy-approve", "window"})
  void recordedHistoriesReplayWithTheCurrentCode(String name) throws Exception {
    WorkflowExecutionHistory history = load(name);
    assertThat(history.getEvents()).hasSizeGreaterThan(20);
    WorkflowReplayer.replayWorkflowExecution(history, DeploymentWorkflowImpl.class);
  }

  private static WorkflowExecutionHistory load(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      assertThat(in).as("histories/" + name + ".json is committed").isNotNull();
      // The recorded workflow id matters: the release checks that it runs as deploy-<application>.
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "deploy-shop");
    }
  }
}
