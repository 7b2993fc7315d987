package dev.deployflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deployflow.worker.temporal.EmbeddedTemporalServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Graceful shutdown (issue #4) with the real release workflow: a release's build command is
 * running when the application context closes, and the worker lets it finish instead of killing
 * it. The command holds until the test sees the worker begin to drain, then heartbeats through
 * the drain for a moment and writes its marker; so the order "shutdown began, the build finished,
 * the context closed" is forced by the test, not guessed from wall-clock times.
 *
 * <p>Against the embedded Temporal, closing returns only after the build finished, and the
 * embedded server stops after the worker. Against a Temporal that outlives the worker, the
 * history also shows the build's first attempt completed with its output, so the next worker goes
 * on from there instead of building again. (That next worker is not started here: the Java test
 * server used as "external" Temporal never moves a workflow off the stopped worker's sticky queue,
 * which a real server does after a few seconds.)
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTest {
  private static final String WORKFLOW_ID = "deploy-slow-build";

  /*
   * build-go is created by the test once the worker drains; the sleep after it spans at least one
   * heartbeat of the command runner (every second), which must be allowed during shutdown.
   */
  private static final String PIPELINE =
      """
      application: slow-build
      components:
        - name: api
          kind: backend
          build:
            command: ["bash", "-c", "echo started >> build.log; while [ ! -e build-go ]; do sleep 0.1; done; sleep 2; echo built >> build.log; echo built"]
            timeout: 2m
          deploy:
            command: ["true"]
      environments:
        - name: staging
        - name: production
          rollout:
            - { weight: 100 }
      """;

  @Test
  void closingTheEmbeddedWorkerLetsTheRunningBuildFinishFirst(
      @TempDir Path baseDir, CapturedOutput output) throws Exception {
    RunningWorker worker = startWorker(baseDir);
    try {
      startReleaseAndAwaitBuildRunning(worker, baseDir);
      closeWhileTheBuildRuns(worker, baseDir, output);
    } finally {
      worker.close(); // a no-op once closed; stops the worker when an assertion failed first
    }

    String log = output.getAll();
    assertThat(log).doesNotContain("interrupting them");
    assertThat(log.indexOf("Temporal worker stopped"))
        .isNotNegative()
        .isLessThan(log.indexOf("Stopping the embedded Temporal"));
  }

  @Test
  void theFinishedBuildIsRecordedInHistoryBeforeTheWorkerStops(
      @TempDir Path baseDir, CapturedOutput output) throws Exception {
    EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0);
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    try {
      String target = "--spring.temporal.connection.target=" + server.target();
      RunningWorker worker = startWorker(baseDir, target);
      try {
        startReleaseAndAwaitBuildRunning(worker, baseDir);
        closeWhileTheBuildRuns(worker, baseDir, output);
      } finally {
        worker.close();
      }

      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      List<HistoryEvent> history = client.fetchHistory(WORKFLOW_ID).getEvents();
      HistoryEvent build = firstScheduled(history, "RunCommand");
      HistoryEvent completed =
          history.stream()
              .filter(HistoryEvent::hasActivityTaskCompletedEventAttributes)
              .filter(e -> e.getActivityTaskCompletedEventAttributes().getScheduledEventId()
                  == build.getEventId())
              .findFirst()
              .orElseThrow(() -> new AssertionError("the build has no completion in history"));
      assertThat(completed.getActivityTaskCompletedEventAttributes().getResult().toString())
          .contains("built");
      assertThat(history)
          .extracting(HistoryEvent::getEventType)
          .doesNotContain(
              EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
              EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT);

      HistoryEvent buildStarted =
          history.stream()
              .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
              .filter(e -> e.getActivityTaskStartedEventAttributes().getScheduledEventId()
                  == build.getEventId())
              .findFirst()
              .orElseThrow();
      // The first attempt finished: nothing is left for Temporal to retry on the next worker.
      assertThat(buildStarted.getActivityTaskStartedEventAttributes().getAttempt()).isEqualTo(1);
      assertThat(client.newUntypedWorkflowStub(WORKFLOW_ID).describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(5, TimeUnit.SECONDS);
      server.close();
    }
  }

  private static RunningWorker startWorker(Path baseDir, String... extraArguments)
      throws IOException {
    Files.createDirectories(baseDir.resolve("pipelines"));
    Files.writeString(baseDir.resolve("pipelines/slow-build.yaml"), PIPELINE);
    return RunningWorker.start(baseDir, extraArguments);
  }

  private static void startReleaseAndAwaitBuildRunning(RunningWorker worker, Path baseDir) {
    HttpResponse<String> started =
        worker.postJson(
            "/api/releases",
            "{\"application\":\"slow-build\",\"version\":\"1.0.0\",\"requestedBy\":\"alice\"}");
    assertThat(started.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              assertThat(worker.get("/api/releases/slow-build").body())
                  .contains("\"currentStep\":\"build api 1.0.0\"");
              assertThat(baseDir.resolve("build.log")).exists();
            });
  }

  /**
   * Closes the worker's context on another thread, lets the build go on only once the worker
   * drains, and asserts that closing returned after the build finished.
   */
  private static void closeWhileTheBuildRuns(
      RunningWorker worker, Path baseDir, CapturedOutput output) throws Exception {
    long closeStarted = System.nanoTime();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(worker::close);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> output.getAll().contains("Stopping the Temporal worker"));
    assertThat(closing).isNotDone();
    assertThat(Files.readAllLines(baseDir.resolve("build.log"))).containsExactly("started");

    Files.createFile(baseDir.resolve("build-go"));
    closing.get(60, TimeUnit.SECONDS);

    assertThat(Files.readAllLines(baseDir.resolve("build.log"))).containsExactly("started", "built");
    System.out.printf(
        "[measure] context close with a build running (held until the drain began, then 2s):"
            + " %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closeStarted));
  }

  private static HistoryEvent firstScheduled(List<HistoryEvent> history, String activityType) {
    return history.stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName()
            .equals(activityType))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + activityType + " activity in history"));
  }
}
