package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A week-long stability window with a check every minute (10,080 checks) runs in milliseconds of
 * test time per check, and continue-as-new keeps every monitor run's history under 1,000 events
 * while the release's own history stays small. It is the slowest test of the module (one workflow
 * task per check), so it runs beside the other test classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class LongStabilityWindowTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aSevenDayWindowWithOneMinuteChecksKeepsEveryHistoryBounded() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval()
        .rollout(new RolloutStep(100, null, List.of()))
        .stability("7d", "1m", TestPipelines.ERROR_RATE).build());
    long started = System.nanoTime();
    long testStart = harness.now();
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();
    long wallMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.now() - testStart).isGreaterThanOrEqualTo(7 * 86_400_000L);
    // About 10,080 checks: the test server's clock moves a little while each check runs (more on a
    // loaded machine), so the last intervals may be cut short by the window's fixed end and a few
    // checks fewer taken; never more than one a minute.
    String passed = harness.status().timeline().stream().map(ReleaseStatus.TimelineEvent::event)
        .filter(e -> e.startsWith("stability window: no breach in ")).findFirst().orElseThrow();
    int checks = Integer.parseInt(passed.replaceAll("stability window: no breach in (\\d+) checks.*", "$1"));
    assertThat(checks).isBetween(10_000, 10_080);

    List<Integer> runLengths = monitorRunLengths();
    int largest = runLengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    int parent = harness.history().getEvents().size();
    long reports = dev.deployflow.workflow.support.Histories.count(harness.history(), EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    System.out.printf("7-day window, 1-minute checks: 10080 checks in %d monitor runs; largest run %d events; "
        + "release history %d events (%d progress reports); %d ms of real time%n",
        runLengths.size(), largest, parent, reports, wallMillis);
    assertThat(largest).isLessThan(1_000);
    // The monitor reports its progress to the release a bounded number of times, whatever the window's length.
    assertThat(reports).isPositive().isLessThanOrEqualTo(StabilityChecks.MAX_REPORTS);
    assertThat(parent).isLessThan(300);
  }

  /** The history length of each run of the monitor chain, following continue-as-new from the first run. */
  private List<Integer> monitorRunLengths() {
    String id = harness.workflowId() + "/production/stability";
    String runId = null;
    for (HistoryEvent event : harness.history().getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED
          && event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId().equals(id)) {
        runId = event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getRunId();
      }
    }
    assertThat(runId).as("the monitor child was started").isNotNull();
    List<Integer> lengths = new ArrayList<>();
    while (runId != null) {
      WorkflowExecutionHistory run = harness.history(id, runId);
      lengths.add(run.getEvents().size());
      HistoryEvent last = run.getLastEvent();
      runId = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
          ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
          : null;
    }
    return lengths;
  }
}
