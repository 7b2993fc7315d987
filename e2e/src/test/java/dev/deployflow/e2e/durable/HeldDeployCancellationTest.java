package dev.deployflow.e2e.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.deploy.DeployActivitiesImpl;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.demo.target.TargetState.DeployEvent;
import dev.deployflow.e2e.DevServer;
import dev.deployflow.e2e.E2ePaths;
import dev.deployflow.e2e.RealTemporal;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.HttpCall;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deploy activity on the real Temporal server, cancelled while its HTTP call is held by the
 * target: the cancellation reaches the running activity through its heartbeat, the call is
 * allowed to answer, and only then does the activity report itself cancelled. A small workflow
 * of this test's own (activity options as the release's: 15 s heartbeat timeout,
 * {@code WAIT_CANCELLATION_COMPLETED}) runs on an in-process worker with the real
 * {@link DeployActivitiesImpl}, on a task queue of its own.
 */
@RealTemporal
class HeldDeployCancellationTest {
  private static final String APP = "held-deploy";
  /** Longer than the SDK's heartbeat throttle with a 15 s timeout (12 s), so a beat meets the cancel. */
  private static final Duration HOLD = Duration.ofSeconds(18);

  /** Deploys once and, when told, cancels the deploy and waits for the activity to end. */
  @WorkflowInterface
  public interface HeldDeployWorkflow {
    @WorkflowMethod
    String deploy(DeployRequest request);

    @SignalMethod
    void cancel();
  }

  /** See {@link HeldDeployWorkflow}. */
  public static class HeldDeployWorkflowImpl implements HeldDeployWorkflow {
    private boolean cancelAsked;
    private Promise<DeployActivities.DeployResult> call;

    @Override
    public String deploy(DeployRequest request) {
      DeployActivities deploys = Workflow.newActivityStub(DeployActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(15))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build());
      CancellationScope scope = Workflow.newCancellationScope(() -> {
        call = Async.function(deploys::deploy, request);
      });
      scope.run();
      Workflow.await(() -> cancelAsked || call.isCompleted());
      scope.cancel();
      try {
        call.get();
        return "completed";
      } catch (ActivityFailure failure) {
        return failure.getCause() instanceof CanceledFailure ? "cancelled" : "failed: " + failure.getCause();
      }
    }

    @Override
    public void cancel() {
      cancelAsked = true;
    }
  }

  @Test
  void aCancelledDeployCallAnswersBeforeTheActivityReportsItsCancellation(DevServer dev) throws Exception {
    String queue = "held-deploy-" + ProcessHandle.current().pid();
    try (AppTarget target = AppTarget.start()) {
      target.state(APP).seed("1.0.0");
      CountDownLatch held = target.holdNextDeploy(APP, "production", "api", HOLD);
      WorkerFactory factory = WorkerFactory.newInstance(dev.client());
      try {
        var worker = factory.newWorker(queue);
        worker.registerWorkflowImplementationTypes(HeldDeployWorkflowImpl.class);
        ActivitySettings settings = ActivitySettings.defaults(E2ePaths.targetDir("durable/held-deploy"));
        worker.registerActivitiesImplementations(new DeployActivitiesImpl(settings, HttpClients.create(settings)));
        factory.start();

        String workflowId = "held-deploy-" + System.currentTimeMillis();
        HeldDeployWorkflow workflow = dev.client().newWorkflowStub(HeldDeployWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(workflowId).build());
        WorkflowClient.start(workflow::deploy, request(target.url()));
        assertThat(held.await(60, TimeUnit.SECONDS)).as("the deploy call reached the target").isTrue();

        Instant sent = Instant.now();
        workflow.cancel();
        String outcome = dev.client().newUntypedWorkflowStub(workflowId).getResult(90, TimeUnit.SECONDS, String.class);

        assertThat(outcome).as("the activity reported the cancellation").isEqualTo("cancelled");
        List<DeployEvent> deploys = target.events(APP);
        assertThat(deploys).as("the held deploy was applied, once").singleElement()
            .satisfies(e -> assertThat(e.duplicate()).isFalse());
        Instant answered = Instant.parse(deploys.get(0).at());
        Instant reported = eventTime(dev.client().fetchHistory(workflowId).getEvents(), EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED);
        assertThat(reported).as("the cancellation is reported after the call answered").isAfterOrEqualTo(answered);
        System.out.printf(Locale.ROOT,
            "held deploy: cancelled as soon as the call arrived; the target answered %.1f s later (its hold);"
                + " the activity reported the cancellation %.1f s after that answer%n",
            Duration.between(sent, answered).toMillis() / 1000.0, Duration.between(answered, reported).toMillis() / 1000.0);
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  private static DeployRequest request(String targetUrl) {
    HttpCall call = new HttpCall("POST", targetUrl + "/" + APP + "/deploy", Map.of("Content-Type", "application/json"),
        "{\"environment\":\"production\",\"component\":\"api\",\"version\":\"2.0.0\",\"weight\":10}");
    return new DeployRequest(APP, "api", "production", "2.0.0", 10, new DeploySpec(null, null, null, call, null),
        Map.of(), "held-deploy/run/production/api@10");
  }

  private static Instant eventTime(List<HistoryEvent> events, EventType type) {
    HistoryEvent event = events.stream().filter(e -> e.getEventType() == type).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in the workflow's history"));
    return Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
  }
}
