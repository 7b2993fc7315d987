package dev.deployflow.e2e.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.e2e.DevServer;
import dev.deployflow.e2e.E2ePaths;
import dev.deployflow.e2e.RealTemporal;
import dev.deployflow.e2e.WorkerProcess;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the replay histories from releases on the real Temporal server: it runs releases of
 * {@code shop} (pipelines {@code shop}, {@code shop-long-window}, {@code shop-graph} and {@code shop-waves}) on the suite's dev server
 * and a real worker process, and writes each history, as {@link WorkflowExecutionHistory#toJson},
 * to {@code workflows/src/test/resources/histories/<name>.json}, where {@code ReplayTest}
 * replays them in every build. It runs only when asked, because it rewrites committed files;
 * the README's command (section "Recording the replay histories") runs it together with the two
 * workflows-module tests that record on the Java test server:
 *
 * <pre>
 * mvn -B -ntp -pl e2e -am verify -Dtest='ServerHistoryRecorder,UpdateAnswersTest,DeployWindowTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Ddeployflow.recordHistories=true
 * </pre>
 *
 * Every step waits for what the release shows (its status), never for a fixed time, so a slow
 * machine records the same histories, only later.
 */
@RealTemporal
@EnabledIfSystemProperty(named = "deployflow.recordHistories", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerHistoryRecorder {
  /** The task queue of this class's own worker. */
  static final String QUEUE = "e2e-recorder-queue";
  private static final String APP = "shop";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static AppTarget target;
  private static WorkerProcess worker;
  private static ReleaseDriver driver;
  private static WorkflowClient client;
  private static Path histories;

  @BeforeAll
  static void startWorker(DevServer dev) throws IOException {
    target = AppTarget.start();
    StepMarkers markers = new StepMarkers(E2ePaths.targetDir("durable/recorder-markers"));
    worker = WorkerProcess.builder(dev.address(), "recorder")
        // Its own task queue: the shared worker of the other e2e tests polls the default one and
        // lacks this pipeline's environment, so it must never pick these releases up.
        .arg("--deployflow.task-queue=" + QUEUE)
        .env("DURABLE_TARGET_URL", target.url())
        .env("DURABLE_MARKERS", markers.root().toString())
        .env("DURABLE_SCRIPTS", E2ePaths.repoRoot().resolve("e2e/src/test/resources/durable").toString())
        .start();
    driver = new ReleaseDriver(new dev.deployflow.client.ReleaseClient(dev.client(), QUEUE));
    client = dev.client();
    histories = Files.createDirectories(E2ePaths.repoRoot().resolve("workflows/src/test/resources/histories"));
    target.state(APP).seed("1.0.0");
  }

  /* A release left running by a failed recording would make every later one a conflict. */
  @AfterEach
  void terminateLeftOver() {
    if (driver.releases().isRunning(APP)) {
      client.newUntypedWorkflowStub("deploy-" + APP).terminate("the recording failed");
    }
  }

  @AfterAll
  static void stopWorker() {
    if (worker != null) {
      worker.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  @Order(1)
  void happy() throws IOException {
    record("happy", "shop", "1.1.0", Outcome.SUCCEEDED, app -> driver.approveWhenWaiting(app, WAIT));
  }

  @Test
  @Order(2)
  void autoRollback() throws IOException {
    // The -bad version fails its canary analysis and is rolled back without anyone asking.
    record("auto-rollback", "shop", "1.2.0-bad", Outcome.ROLLED_BACK, app -> driver.approveWhenWaiting(app, WAIT));
  }

  @Test
  @Order(3)
  void rollback() throws IOException {
    record("rollback", "shop", "1.3.0", Outcome.ROLLED_BACK, app -> {
      driver.approveWhenWaiting(app, WAIT);
      driver.awaitStatus(app, WAIT, "rolling out", s -> s.phase() == Phase.PRODUCTION_ROLLOUT);
      driver.releases().rollback(app, new RollbackMessage("carol", "checkout errors", RollbackLevel.FULL));
    });
  }

  @Test
  @Order(4)
  void rejected() throws IOException {
    record("rejected", "shop", "1.4.0", Outcome.REJECTED, app -> {
      driver.awaitStatus(app, WAIT, "waiting for approval", ReleaseDriver::waitsForApproval);
      driver.releases().reject(app, new RejectMessage("carol", null, "not this week"));
    });
  }

  @Test
  @Order(5)
  void escalation() throws IOException {
    // The -nodata version gives its canary analysis no number: inconclusive, so a person decides.
    record("escalation", "shop", "1.5.0-nodata", Outcome.SUCCEEDED, app -> {
      driver.approveWhenWaiting(app, WAIT);
      driver.awaitStatus(app, WAIT, "waiting for a decision on the analysis",
          s -> s.state() == RunState.WAITING && String.valueOf(s.currentStep()).startsWith("waiting for a decision"));
      driver.releases().promote(app, new PromoteMessage("carol", false));
    });
  }

  @Test
  @Order(6)
  void stabilityMonitorContinuesAsNew() throws IOException {
    // A run of the monitor makes 80 checks before it continues as new; the dev server fires a
    // check's timer about once a second, so the window is long and the release is rolled back
    // as soon as that first run has closed.
    driver.start(APP, "shop-long-window", "1.6.0");
    HistoryEvent started = awaitEvent("deploy-" + APP, null, WAIT,
        e -> e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED
            && e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowType().getName().contains("Stability"));
    var execution = started.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
    awaitEvent(execution.getWorkflowId(), execution.getRunId(), Duration.ofMinutes(5),
        e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    WorkflowExecutionHistory monitor = client.fetchHistory(execution.getWorkflowId(), execution.getRunId());
    write("stability-continue-as-new", monitor);

    driver.releases().rollback(APP, new RollbackMessage("alice", "recording done", RollbackLevel.CODE));
    assertThat(driver.releases().awaitResult(APP, WAIT).outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  @Order(7)
  void graph() throws IOException {
    // web and worker depend on api: at production's 50% both calls are held in flight at once,
    // worker's is refused, web's is cancelled and answers after the release has started to wait
    // for it; the release then rolls back worker, web and api.
    AppTarget.HeldCall web = target.holdNextDeployUntilReleased(APP, "production", "web");
    AppTarget.HeldCall workerCall = target.holdNextDeployUntilReleased(APP, "production", "worker");
    record("graph", "shop-graph", "1.7.0", Outcome.ROLLED_BACK, app -> {
      awaitArrival(web, "web");
      awaitArrival(workerCall, "worker");
      workerCall.refuse(422);
      driver.awaitStatus(app, WAIT, "waiting for web's cancelled deploy",
          s -> String.valueOf(s.currentStep()).contains("waiting for the cancelled deploy of web to end"));
      web.answer();
    });
  }

  @Test
  @Order(8)
  void waves() throws IOException {
    // Two production waves: production-us is approved, production-eu follows that approval.
    record("waves", "shop-waves", "1.8.0", Outcome.SUCCEEDED, app -> driver.approveWhenWaiting(app, WAIT));
  }

  private static void awaitArrival(AppTarget.HeldCall call, String component) {
    try {
      assertThat(call.awaitArrival(WAIT)).as(component + "'s production deploy reached the target").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /* Polls the run's history (the latest run when runId is null) until it holds a matching event. */
  private static HistoryEvent awaitEvent(String workflowId, String runId, Duration timeout, Predicate<HistoryEvent> wanted) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      WorkflowExecutionHistory history =
          runId == null ? client.fetchHistory(workflowId) : client.fetchHistory(workflowId, runId);
      var event = history.getEvents().stream().filter(wanted).findFirst();
      if (event.isPresent()) {
        return event.get();
      }
      ReleaseDriver.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError(workflowId + ": not the awaited event within " + timeout.toSeconds() + " s");
  }

  /* Runs one release, checks its outcome and writes its history. */
  private static void record(String name, String pipeline, String version, Outcome expected, Consumer<String> person)
      throws IOException {
    ReleaseResult result = run(pipeline, version, person);
    assertThat(result.outcome()).as(name + ": " + result.summary()).isEqualTo(expected);
    write(name, client.fetchHistory("deploy-" + APP));
  }

  private static ReleaseResult run(String pipeline, String version, Consumer<String> person) {
    driver.start(APP, pipeline, version);
    person.accept(APP);
    return driver.releases().awaitResult(APP, WAIT);
  }

  private static void write(String name, WorkflowExecutionHistory history) throws IOException {
    Path file = histories.resolve(name + ".json");
    Files.writeString(file, history.toJson(true));
    System.out.printf("recorded %s: %d events -> %s%n", name, history.getEvents().size(), file);
  }
}
