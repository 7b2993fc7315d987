package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.workflow.support.Histories;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded release histories (committed under {@code src/test/resources/histories}) with
 * the current workflow code: a change that would break a running release fails here. Re-record
 * them with {@code -Ddeployflow.recordHistories=true} (see {@link Histories}). A negative control
 * proves that the replay can fail at all: a deliberately changed workflow is caught.
 */
class ReplayTest {

  @ParameterizedTest
  // Recorded on the real Temporal dev server by e2e's ServerHistoryRecorder: happy, auto-rollback,
  // rollback (by hand, level full), rejected, escalation (an inconclusive analysis decided by a person),
  // graph (web and worker deployed at the same time after api; worker refused, web cancelled, rolled back).
  // Recorded on the Java test server by this module's tests:
  // busy-approve: an update answered while the release was busy, its bounded wait's timer in history.
  // window: a release held by a deploy window, its window decisions recorded as deploy-check activity results.
  // mixed-analysis: a step analysed in the release itself (count 3) and in a child (count 20); the
  // child's failure stops the inline analysis during its interval and rolls back.
  @ValueSource(strings = {"happy", "auto-rollback", "rollback", "rejected", "escalation", "graph", "busy-approve", "window", "waves",
      "mixed-analysis"})
  void recordedHistoriesReplayWithTheCurrentCode(String name) throws Exception {
    WorkflowExecutionHistory history = load(name, "deploy-shop");
    assertThat(history.getEvents()).hasSizeGreaterThan(20);
    WorkflowReplayer.replayWorkflowExecution(history, DeploymentWorkflowImpl.class);
  }

  /** The first run of a stability monitor chain: 80 checks, progress reports, then continue-as-new. */
  @Test
  void aStabilityMonitorRunThatContinuedAsNewReplays() throws Exception {
    WorkflowExecutionHistory history = load("stability-monitor", StabilityProgressTest.MONITOR);
    assertThat(history.getLastEvent().getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(Histories.count(history, EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED)).isPositive();
    WorkflowReplayer.replayWorkflowExecution(history, StabilityMonitorWorkflowImpl.class);
  }

  /** The same on the real server: the first run of the monitor of shop-long-window, recorded by ServerHistoryRecorder. */
  @Test
  void aStabilityMonitorRunRecordedOnTheRealServerReplays() throws Exception {
    WorkflowExecutionHistory history = load("stability-continue-as-new", "deploy-shop/production/stability");
    assertThat(history.getLastEvent().getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    WorkflowReplayer.replayWorkflowExecution(history, StabilityMonitorWorkflowImpl.class);
  }

  /** The negative control: the same history, replayed by a workflow that waits before it starts, is refused. */
  @Test
  void aChangedWorkflowIsCaughtAsNondeterministic() throws Exception {
    WorkflowExecutionHistory history = load("happy", "deploy-shop");
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, ChangedDeploymentWorkflow.class))
        .satisfies(e -> assertThat(rootMessage(e)).containsIgnoringCase("nondetermin"));
  }

  /** The release workflow with one deliberate change: a timer before anything else it does. */
  public static class ChangedDeploymentWorkflow extends DeploymentWorkflowImpl {
    @WorkflowInit
    public ChangedDeploymentWorkflow(ReleaseRequest request) {
      super(request);
    }

    @Override
    public ReleaseResult run(ReleaseRequest request) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.run(request);
    }
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static WorkflowExecutionHistory load(String name, String workflowId) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + name + ".json")) {
      assertThat(in).as("histories/" + name + ".json is committed").isNotNull();
      // The recorded workflow id matters: the release checks that it runs as deploy-<application>.
      return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), workflowId);
    }
  }
}
