package dev.deployflow.e2e.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.demo.target.TargetState.DeployEvent;
import dev.deployflow.e2e.DevServer;
import dev.deployflow.e2e.E2ePaths;
import dev.deployflow.e2e.RealTemporal;
import dev.deployflow.e2e.WorkerProcess;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A dependency graph on the real Temporal server, the real worker and real HTTP deploy calls
 * ({@code shop-graph}: web and worker depend on api). The target holds the deploy calls of web and
 * worker until the test lets them go, so that "at the same time" is seen where it matters: both
 * calls are in flight at once, and only after api's call was applied. A refused worker deploy
 * cancels web's call, the release waits until that call has answered, then rolls back worker, web
 * and api in that order.
 */
@RealTemporal
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComponentGraphEndToEndTest {
  /** The task queue of this class's own worker. */
  static final String QUEUE = "e2e-graph-queue";
  private static final String APP = "graph-shop";
  private static final String PIPELINE = "shop-graph";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static AppTarget target;
  private static WorkerProcess worker;
  private static ReleaseDriver driver;

  @BeforeAll
  static void startWorker(DevServer dev) {
    target = AppTarget.start();
    StepMarkers markers = new StepMarkers(E2ePaths.targetDir("durable/graph-markers"));
    worker = WorkerProcess.builder(dev.address(), "graph")
        .arg("--deployflow.task-queue=" + QUEUE)
        .env("DURABLE_TARGET_URL", target.url())
        .env("DURABLE_MARKERS", markers.root().toString())
        .env("DURABLE_SCRIPTS", E2ePaths.repoRoot().resolve("e2e/src/test/resources/durable").toString())
        .start();
    driver = new ReleaseDriver(new dev.deployflow.client.ReleaseClient(dev.client(), QUEUE));
    target.state(APP).seed("1.0.0");
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  @Order(1)
  void webAndWorkerAreDeployedAtTheSameTimeOnceApiIs() throws Exception {
    AppTarget.HeldCall web = target.holdNextDeployUntilReleased(APP, "staging", "web");
    AppTarget.HeldCall workerCall = target.holdNextDeployUntilReleased(APP, "staging", "worker");
    driver.start(APP, PIPELINE, "1.1.0");

    // Neither call is answered before both have arrived: they are in flight at the same time.
    assertThat(web.awaitArrival(WAIT)).as("web's deploy call reached the target").isTrue();
    assertThat(workerCall.awaitArrival(WAIT)).as("worker's deploy call reached the target while web's was held").isTrue();
    List<DeployEvent> applied = inStaging(target.events(APP));
    assertThat(applied).extracting(DeployEvent::component).containsExactly("api");
    ReleaseStatus status = driver.awaitStatus(APP, WAIT, "deploying web and worker",
        s -> String.valueOf(s.currentStep()).equals("deploy web and worker 1.1.0 to staging at 100%"));
    assertThat(status.currentStep()).isEqualTo("deploy web and worker 1.1.0 to staging at 100%");
    web.answer();
    workerCall.answer();

    ReleaseResult result = driver.releases().awaitResult(APP, WAIT);
    assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(target.state(APP).snapshot().get("production").values())
        .allSatisfy(view -> assertThat(view.version()).isEqualTo("1.1.0"));
  }

  @Test
  @Order(2)
  void aRefusedWorkerCancelsWebWaitsForItsCallAndRollsBackWorkerWebAndApi() throws Exception {
    AppTarget.HeldCall web = target.holdNextDeployUntilReleased(APP, "production", "web");
    AppTarget.HeldCall workerCall = target.holdNextDeployUntilReleased(APP, "production", "worker");
    driver.start(APP, PIPELINE, "1.2.0");
    assertThat(web.awaitArrival(WAIT)).isTrue();
    assertThat(workerCall.awaitArrival(WAIT)).isTrue();

    workerCall.refuse(422);
    driver.awaitStatus(APP, WAIT, "waiting for web's cancelled call",
        s -> String.valueOf(s.currentStep()).contains("waiting for the cancelled deploy of web to end"));
    // web's call is still being served: nothing may be undone yet.
    List<DeployEvent> sofar = target.events(APP);
    assertThat(sofar.get(sofar.size() - 1)).extracting(e -> e.component() + " " + e.version() + " " + e.environment())
        .isEqualTo("api 1.2.0 production");
    int beforeAnswer = sofar.size();
    web.answer();

    ReleaseResult result = driver.releases().awaitResult(APP, WAIT);
    assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.ROLLED_BACK);
    List<DeployEvent> after = target.events(APP).subList(beforeAnswer, target.events(APP).size());
    assertThat(after).extracting(e -> e.component() + " " + e.version() + " " + e.weight())
        .containsExactly("web 1.2.0 50", "worker 1.1.0 100", "web 1.1.0 100", "api 1.1.0 100");
    assertThat(target.state(APP).snapshot().get("production").values())
        .allSatisfy(view -> {
          assertThat(view.version()).isEqualTo("1.1.0");
          assertThat(view.candidate()).isNull();
        });
  }

  private static List<DeployEvent> inStaging(List<DeployEvent> events) {
    return events.stream().filter(e -> e.environment().equals("staging") && e.version().equals("1.1.0")).toList();
  }
}
