package dev.deployflow.workflow.support;

import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.workflow.DeployflowWorkflows;
import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.api.DeploymentWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * One in-memory Temporal with time skipping, a worker running the deployflow workflows on the
 * {@code deployments} task queue, mocked activities and the deployflow search attributes
 * registered. Time skips only while the test waits for a result ({@link #result}) or sleeps
 * ({@link #sleep}); while it polls the status ({@link #awaitStatus}) the release's timers hold, so
 * a test can send messages while the release waits.
 *

 */
public final class ReleaseHarness implements AutoCloseable {
  /** Events after which more follow on their own: a task or child is in flight. */
  private static final java.util.Set<EventType> IN_FLIGHT = java.util.Set.of(
      EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
      EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
      EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED,
      EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
      EventType.EVENT_TYPE_TIMER_FIRED);

  private final TestWorkflowEnvironment env;
  public final MockActivities mocks;
  private WorkflowStub stub;
  private DeploymentWorkflow workflow;
  private String workflowId;

  public ReleaseHarness(Pipeline pipeline) {
    this(pipeline, null);
  }

  /** A harness whose clock starts at {@code start} (deploy-window tests), or at the real time when null. */
  public ReleaseHarness(Pipeline pipeline, Instant start) {
    this(pipeline, start, new io.temporal.common.interceptors.WorkerInterceptor[0]);
  }

  /** A harness whose worker runs these interceptors (tests that corrupt a result on its way back). */
  public ReleaseHarness(Pipeline pipeline, Instant start, io.temporal.common.interceptors.WorkerInterceptor... interceptors) {
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    if (start != null) {
      options.setInitialTime(start);
    }
    if (interceptors.length > 0) {
      options.setWorkerFactoryOptions(io.temporal.worker.WorkerFactoryOptions.newBuilder()
          .setWorkerInterceptors(interceptors).build());
    }
    env = TestWorkflowEnvironment.newInstance(options.build());
    for (var key : DeploySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    // Heartbeats go out at once instead of every 0.8 x the heartbeat timeout, so that an activity
    // of a test learns of its cancellation within moments, as it would on its next beat.
    Worker worker = env.newWorker(DeploymentWorkflow.TASK_QUEUE, io.temporal.worker.WorkerOptions.newBuilder()
        .setMaxHeartbeatThrottleInterval(Duration.ofMillis(50)).build());
    worker.registerWorkflowImplementationTypes(DeployflowWorkflows.implementationOptions(),
        DeployflowWorkflows.implementationTypes().toArray(new Class<?>[0]));
    mocks = new MockActivities(pipeline);
    mocks.register(worker);
    // The freeze check is real: it queries the calendar of this test environment.
    worker.registerActivitiesImplementations(new CalendarActivity(env.getWorkflowClient()));
    env.start();
  }

  public static ReleaseRequest request(String version) {
    return new ReleaseRequest(TestPipelines.APP, version, null, ReleaseKind.STANDARD, null, "alice",
        List.of("New 'Job Matching' feature"), null);
  }

  /** Starts the release under its proper workflow id. */
  public DeploymentWorkflow start(ReleaseRequest request) {
    return start(request, ReleaseRequest.workflowIdFor(request.application()));
  }

  public DeploymentWorkflow start(ReleaseRequest request, String id) {
    return start(request, id, null);
  }

  /**
   * Starts the release with a short workflow task timeout: a local activity that runs longer than
   * four fifths of it makes the worker close the task and open a new one while the read goes on,
   * so that a message sent meanwhile reaches the release during the read (as a slow metric query
   * does on a real server after 8 s).
   */
  public DeploymentWorkflow start(ReleaseRequest request, Duration workflowTaskTimeout) {
    return start(request, ReleaseRequest.workflowIdFor(request.application()), workflowTaskTimeout);
  }

  private DeploymentWorkflow start(ReleaseRequest request, String id, Duration workflowTaskTimeout) {
    workflowId = id;
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder().setTaskQueue(DeploymentWorkflow.TASK_QUEUE).setWorkflowId(id);
    if (workflowTaskTimeout != null) {
      options.setWorkflowTaskTimeout(workflowTaskTimeout);
    }
    workflow = client().newWorkflowStub(DeploymentWorkflow.class, options.build());
    WorkflowClient.start(workflow::run, request);
    stub = WorkflowStub.fromTyped(workflow);
    return workflow;
  }

  /**
   * Starts the release together with a first message (signal-with-start): the message is handled in
   * the release's first workflow task, before its main method runs.
   */
  public DeploymentWorkflow signalWithStart(ReleaseRequest request, String signal, Object message) {
    workflowId = ReleaseRequest.workflowIdFor(request.application());
    WorkflowStub untyped = client().newUntypedWorkflowStub(DeploymentWorkflow.TYPE,
        WorkflowOptions.newBuilder().setTaskQueue(DeploymentWorkflow.TASK_QUEUE).setWorkflowId(workflowId).build());
    WorkflowExecution execution = untyped.signalWithStart(signal, new Object[] {message}, new Object[] {request});
    workflow = client().newWorkflowStub(DeploymentWorkflow.class, workflowId, java.util.Optional.of(execution.getRunId()));
    stub = untyped;
    return workflow;
  }

  public DeploymentWorkflow workflow() {
    return workflow;
  }

  public WorkflowStub stub() {
    return stub;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  public TestWorkflowEnvironment env() {
    return env;
  }

  /** Waits (skipping time) for the release's result. */
  public ReleaseResult result() {
    ReleaseResult result = stub.getResult(ReleaseResult.class);
    return result;
  }

  /**
   * Waits, polling the execution's description, until the release has closed (10 s of real time at
   * most), and returns how it closed. For a cancelled release, whose rollback needs no timer.
   */
  public io.temporal.api.enums.v1.WorkflowExecutionStatus awaitClosed() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var closed = stub.describe().getStatus();
      if (closed != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return closed;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the release never closed; its last status: " + status().currentStep() + "; history: "
        + history().getEvents().stream().map(e -> e.getEventId() + ":" + e.getEventType().name().replace("EVENT_TYPE_", "")).toList());
  }

  public ReleaseStatus status() {
    return workflow.status();
  }

  /** Polls the status, without skipping time, until it matches (10 s of real time at most). */
  public ReleaseStatus awaitStatus(String what, Predicate<ReleaseStatus> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    ReleaseStatus last = null;
    while (System.nanoTime() < deadline) {
      last = status();
      if (condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("release never reached: " + what + "; last status: " + last);
  }

  /**
   * Lets test time pass a minute at a time until the status matches (a simulated day at most):
   * for states behind timers, such as the end of a rollout pause.
   */
  public ReleaseStatus skipUntil(String what, Predicate<ReleaseStatus> condition) {
    for (int minute = 0; minute < 24 * 60; minute++) {
      ReleaseStatus status = status();
      if (condition.test(status)) {
        return status;
      }
      env.sleep(Duration.ofMinutes(1));
    }
    throw new AssertionError("release never reached within a simulated day: " + what + "; last status: " + status());
  }

  /** {@link #skipUntil} a gate of that name waits, and the release has settled on it. */
  public ReleaseStatus skipUntilGate(String gate) {
    skipUntil("gate " + gate + " waiting",
        s -> s.gates().stream().anyMatch(g -> g.name().equals(gate) && String.valueOf(g.state()).equals("waiting")));
    awaitQuiet();
    return status();
  }

  public ReleaseStatus awaitPhase(Phase phase) {
    return awaitStatus("phase " + phase.json(), s -> s.phase() == phase);
  }

  /** Waits until the current step contains the text. */
  public ReleaseStatus awaitStep(String text) {
    return awaitStatus("step containing '" + text + "'", s -> s.currentStep() != null && s.currentStep().contains(text));
  }

  /**
   * Waits until a gate of that name waits and the release has settled on it (see
   * {@link #awaitWaiting}).
   */
  public ReleaseStatus awaitGate(String gate) {
    awaitStatus("gate " + gate + " waiting",
        s -> s.gates().stream().anyMatch(g -> g.name().equals(gate) && String.valueOf(g.state()).equals("waiting")));
    awaitQuiet();
    return status();
  }

  /**
   * Waits until the current step contains the text and the release has settled there, waiting on
   * a timer or a person with nothing in flight. Tests send their messages only then: the in-memory
   * test server refuses a workflow task that cancels an activity which completed meanwhile
   * (ACTIVITY_UNKNOWN) and leaves the release stuck, a race a real server resolves.
   */
  public ReleaseStatus awaitWaiting(String text) {
    awaitStep(text);
    awaitQuiet();
    return status();
  }

  /**
   * Waits until the release's history stops growing: it waits on a timer or a person and has no
   * task in flight (10 s of real time at most). Returns the history's length.
   */
  public int awaitQuiet() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      var events = history().getEvents();
      var type = events.get(events.size() - 1).getEventType();
      boolean settled = !IN_FLIGHT.contains(type);
      if (settled && events.size() == last) {
        return last;
      }
      last = events.size();
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the release's history never settled; its last events: "
        + history().getEvents().stream().skip(Math.max(0, last - 6)).map(e -> e.getEventType().name()).toList()
        + "; status: " + status().currentStep());
  }

  /** Advances the test clock (time skips while it sleeps). */
  public void sleep(Duration duration) {
    env.sleep(duration);
  }

  public long now() {
    return env.currentTimeMillis();
  }

  public WorkflowExecutionHistory history() {
    return history(workflowId, stub.getExecution().getRunId());
  }

  public WorkflowExecutionHistory history(String id, String runId) {
    return env.getWorkflowExecutionHistory(WorkflowExecution.newBuilder().setWorkflowId(id).setRunId(runId).build());
  }

  public String workflowId() {
    return workflowId;
  }

  /**
   * Stops the worker at once and closes the environment in the background: closing waits for the
   * worker's threads in steps of a quarter second, which would add up to many seconds over the
   * module's tests, and nothing in a later test depends on it.
   */
  @Override
  public void close() {
    mocks.releaseBlocked();
    env.getWorkerFactory().shutdownNow();
    CLOSER.execute(env::close);
  }

  private static final java.util.concurrent.ExecutorService CLOSER =
      java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-environment-closer");
        thread.setDaemon(true);
        return thread;
      });
}
