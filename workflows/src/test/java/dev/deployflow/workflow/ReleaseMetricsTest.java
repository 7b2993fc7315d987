package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The release metrics are counted once per release although the worker keeps no workflow in its
 * cache (cache size 0): every workflow task replays the whole history from the start, and only the
 * SDK's replay-aware metrics scope keeps the counters from growing with each replay.
 */
class ReleaseMetricsTest {
  private final Captured captured = new Captured();
  private Scope scope;
  private TestWorkflowEnvironment env;
  private MockActivities mocks;

  @BeforeEach
  void start() {
    scope = new RootScopeBuilder().reporter(captured).reportEvery(com.uber.m3.util.Duration.ofMillis(20));
    TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder()
        .setMetricsScope(scope)
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build())
        .build();
    env = TestWorkflowEnvironment.newInstance(options);
    for (var key : DeploySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private DeploymentWorkflow startRelease(dev.deployflow.pipeline.Pipeline pipeline, String committedAt) {
    Worker worker = env.newWorker(DeploymentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(DeployflowWorkflows.implementationOptions(),
        DeployflowWorkflows.implementationTypes().toArray(new Class<?>[0]));
    mocks = new MockActivities(pipeline);
    mocks.register(worker);
    // The freeze check before each production step queries this environment's calendar, as in ReleaseHarness.
    worker.registerActivitiesImplementations(
        new dev.deployflow.workflow.support.CalendarActivity(env.getWorkflowClient()));
    env.start();
    DeploymentWorkflow workflow = env.getWorkflowClient().newWorkflowStub(DeploymentWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(DeploymentWorkflow.TASK_QUEUE)
            .setWorkflowId(ReleaseRequest.workflowIdFor(TestPipelines.APP)).build());
    WorkflowClient.start(workflow::run, new ReleaseRequest(TestPipelines.APP, "1.2.0", null, ReleaseKind.STANDARD,
        null, "alice", List.of("a change"), null, committedAt));
    return workflow;
  }

  @Test
  void aSucceededReleaseIsCountedOnceThoughEveryTaskReplays() throws Exception {
    DeploymentWorkflow workflow = startRelease(TestPipelines.standard().build(), "2026-01-01T00:00:00Z");
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (workflow.status().gates().stream().noneMatch(g -> g.state() == GateState.WAITING)) {
      assertThat(System.nanoTime()).as("the approval gate opens").isLessThan(deadline);
      Thread.sleep(50);
    }
    workflow.approve(new ApproveMessage("bob", null, "fine"));
    ReleaseResult result = WorkflowStub.fromTyped(workflow).getResult(ReleaseResult.class);
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    scope.close();

    assertThat(captured.counter(ReleaseTelemetry.STARTED, "application", "shop", "kind", "standard")).isEqualTo(1);
    assertThat(captured.counter(ReleaseTelemetry.FINISHED, "application", "shop", "outcome", "succeeded")).isEqualTo(1);
    assertThat(captured.timers(ReleaseTelemetry.DURATION, "application", "shop", "outcome", "succeeded")).isEqualTo(1);
    assertThat(captured.timers(ReleaseTelemetry.GATE_WAIT, "application", "shop", "gate", "production", "kind", "approval"))
        .isEqualTo(1);
    assertThat(captured.timers(ReleaseTelemetry.LEAD_TIME, "application", "shop")).isEqualTo(1);
    assertThat(captured.counter(ReleaseTelemetry.MEASUREMENTS, "application", "shop", "metric", TestPipelines.ERROR_RATE,
        "result", "successful")).isGreaterThan(0);
    assertThat(captured.counter(ReleaseTelemetry.ROLLBACKS)).isZero();
    // The worker did replay: the SDK counts its workflow tasks, more than one per release.
    assertThat(captured.counter("temporal_workflow_task_queue_poll_succeed")).isGreaterThan(1);
  }

  @Test
  void anAutomaticRollbackIsCountedOnceWithItsTimeToRestore() throws Exception {
    DeploymentWorkflow workflow = startRelease(TestPipelines.standard().noApproval().build(), null);
    when(mocks.smokeTests.runSmokeTest(argThat(dev.deployflow.workflow.support.Calls.smokeIn("staging")))).thenThrow(
        io.temporal.failure.ApplicationFailure.newNonRetryableFailure("health: got 503", "SmokeTestFailed"));
    ReleaseResult result = WorkflowStub.fromTyped(workflow).getResult(ReleaseResult.class);
    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    scope.close();

    assertThat(captured.counter(ReleaseTelemetry.ROLLBACKS, "application", "shop", "level", "code", "trigger", "automatic"))
        .isEqualTo(1);
    assertThat(captured.timers(ReleaseTelemetry.TIME_TO_RESTORE, "application", "shop")).isEqualTo(1);
    assertThat(captured.counter(ReleaseTelemetry.FINISHED, "application", "shop", "outcome", "rolled_back")).isEqualTo(1);
    assertThat(captured.timers(ReleaseTelemetry.LEAD_TIME)).isZero();
  }

  /** Sums what the scope reported, by name and the given tags. */
  private static final class Captured implements StatsReporter {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> timers = new ConcurrentHashMap<>();
    private final List<Map.Entry<String, Map<String, String>>> keys = new java.util.concurrent.CopyOnWriteArrayList<>();

    long counter(String name, String... tags) {
      return sum(counters, name, tags);
    }

    long timers(String name, String... tags) {
      return sum(timers, name, tags);
    }

    private long sum(Map<String, AtomicLong> values, String name, String... tags) {
      long total = 0;
      for (Map.Entry<String, AtomicLong> e : values.entrySet()) {
        String key = e.getKey();
        if (!key.startsWith(name + "{")) {
          continue;
        }
        boolean all = true;
        for (int i = 0; i < tags.length; i += 2) {
          all &= key.contains(tags[i] + "=" + tags[i + 1] + ",") || key.contains(tags[i] + "=" + tags[i + 1] + "}");
        }
        if (all) {
          total += e.getValue().get();
        }
      }
      return total;
    }

    private static String key(String name, Map<String, String> tags) {
      return name + new java.util.TreeMap<>(tags).toString().replace(", ", ",");
    }

    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
      counters.computeIfAbsent(key(name, tags), k -> new AtomicLong()).addAndGet(value);
    }

    @Override
    public void reportTimer(String name, Map<String, String> tags, com.uber.m3.util.Duration interval) {
      timers.computeIfAbsent(key(name, tags), k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {}

    @Override
    public void reportHistogramValueSamples(String name, Map<String, String> tags, Buckets buckets,
        double lower, double upper, long samples) {}

    @Override
    public void reportHistogramDurationSamples(String name, Map<String, String> tags, Buckets buckets,
        com.uber.m3.util.Duration lower, com.uber.m3.util.Duration upper, long samples) {}

    @Override
    public Capabilities capabilities() {
      return CapableOf.REPORTING;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
