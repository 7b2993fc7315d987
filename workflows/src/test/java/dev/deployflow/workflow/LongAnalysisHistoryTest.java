package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.pipeline.AnalysisTemplate;
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
 * A canary analysed by two metrics with {@code count: 2000} at {@code interval: 1m} (4,000
 * measurements over 33 hours) keeps the release's history small: the analysis runs in one child per
 * metric that continues as new, so the release sees a bounded number of events per metric, and
 * every run of every child stays under 1,000 events. Before, the release took every measurement
 * itself and a {@code count: 1000} canary passed Temporal's 51,200-event limit.
 */
@Execution(ExecutionMode.CONCURRENT)
class LongAnalysisHistoryTest {
  private static final String LATENCY = "latency";
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aCanaryOf2000MeasurementsOfTwoMetricsKeepsEveryHistoryBounded() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability()
        .errorRate(2000, 0, 1, 2, null)
        .analysis(LATENCY, new AnalysisTemplate(new AnalysisTemplate.PrometheusSource("http://prometheus:9090", "latency"),
            null, 0.5, null, null, "1m", 2000, 0, 1, 2))
        .rollout(new RolloutStep(10, null, List.of(TestPipelines.ERROR_RATE, LATENCY)), new RolloutStep(100, null, List.of()))
        .build());
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    int parent = harness.history().getEvents().size();
    List<Integer> errorRate = runLengths(TestPipelines.ERROR_RATE);
    List<Integer> latency = runLengths(LATENCY);
    int largest = java.util.stream.Stream.concat(errorRate.stream(), latency.stream()).mapToInt(Integer::intValue).max().orElseThrow();
    System.out.printf("count 2000 x 2 metrics at 1m: release history %d events; error-rate %d runs, latency %d runs; "
        + "largest child run %d events%n", parent, errorRate.size(), latency.size(), largest);
    assertThat(parent).isLessThan(10_000);
    assertThat(largest).isLessThan(1_000);
    assertThat(errorRate.size()).isGreaterThan(1);
    assertThat(harness.status().analysis()).filteredOn(a -> a.step().equals("canary 10%"))
        .hasSize(2).allSatisfy(a -> assertThat(a.verdict()).hasToString("passed"));
  }

  /** The history length of each run of a metric's analysis chain, following continue-as-new. */
  private List<Integer> runLengths(String metric) {
    String id = harness.workflowId() + "/production/analysis-1/" + metric;
    String runId = null;
    for (HistoryEvent event : harness.history().getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED
          && event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getWorkflowId().equals(id)) {
        runId = event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution().getRunId();
      }
    }
    assertThat(runId).as("the analysis child of " + metric + " was started").isNotNull();
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
