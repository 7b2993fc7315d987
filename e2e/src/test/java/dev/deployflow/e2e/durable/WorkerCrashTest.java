package dev.deployflow.e2e.durable;

import static dev.deployflow.e2e.durable.ReleaseDriver.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.demo.target.TargetState.ComponentView;
import dev.deployflow.demo.target.TargetState.DeployEvent;
import dev.deployflow.e2e.DevServer;
import dev.deployflow.e2e.E2ePaths;
import dev.deployflow.e2e.RealTemporal;
import dev.deployflow.e2e.WorkerProcess;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worker is killed with SIGKILL at each point of a release where it can be caught, and
 * started again at once; the release must end as it would have without the crash, apply every
 * deploy and migration exactly once (a retry with the same idempotency key is recognised by the
 * target and by the migration, a second application is a failure), and move again within 30 s
 * of the restarted worker being ready. Every kill point releases its own application with the {@code crash}
 * pipeline, one after the other, on the suite's dev server and one worker process of its own.
 * The table of recoveries is printed at the end and written to
 * {@code e2e/target/durable/crash-table.txt}.
 */
@RealTemporal
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerCrashTest {
  /** The task queue of this class's own worker. */
  static final String QUEUE = "e2e-crash-queue";
  private static final String PIPELINE = "crash";
  private static final String VERSION = "2.0.0";
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration REACH_POINT = Duration.ofSeconds(60);
  /** The promise of issue 7: a release moves again within 30 s of a worker's restart. */
  private static final Duration MOVE_AGAIN = Duration.ofSeconds(30);
  /** Steps whose commands apply something once per idempotency key (see step.sh). */
  private static final List<String> APPLYING_STEPS =
      List.of("build-api", "migrate-staging", "migrate-production", "undo-staging", "undo-production");

  private static AppTarget target;
  private static StepMarkers markers;
  private static WorkerProcess worker;
  private static ReleaseDriver driver;
  private static final List<String> table = new ArrayList<>();

  /**
   * How a restart went: seconds from the kill (the restart begins at once) to the worker being
   * ready, and to the release moving again.
   */
  private record Recovery(double readySeconds, double movedSeconds) {
    /** Seconds from the restarted worker being ready until the release moved. */
    double movedAfterReady() {
      return Math.max(0, movedSeconds - readySeconds);
    }
  }

  @BeforeAll
  static void startWorker(DevServer dev) {
    target = AppTarget.start();
    markers = new StepMarkers(E2ePaths.targetDir("durable/markers"));
    worker = WorkerProcess.builder(dev.address(), "crash")
        // Its own task queue: the shared worker of the other e2e tests polls the default one and
        // lacks this pipeline's environment, so it must never pick these releases up.
        .arg("--deployflow.task-queue=" + QUEUE)
        .env("DURABLE_TARGET_URL", target.url())
        .env("DURABLE_MARKERS", markers.root().toString())
        .env("DURABLE_SCRIPTS", E2ePaths.repoRoot().resolve("e2e/src/test/resources/durable").toString())
        .start();
    driver = new ReleaseDriver(new dev.deployflow.client.ReleaseClient(dev.client(), QUEUE));
  }

  @AfterAll
  static void printTable() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-28s %-12s %-14s %-15s %-15s %-15s %s", "kill point", "outcome", "double applies",
        "retries by key", "worker ready s", "moved again s", "moved after ready s"));
    lines.addAll(table);
    String text = String.join("\n", lines);
    System.out.println("worker crash recoveries (seconds counted from the SIGKILL; the worker restarts at once):\n" + text);
    Files.writeString(E2ePaths.targetDir("durable").resolve("crash-table.txt"), text + "\n");
    if (worker != null) {
      worker.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  @Order(1)
  void aRunningBuildCommand() {
    String app = release("crash-build", "build-api", VERSION);
    awaitTrue(REACH_POINT, "building", () -> markers.started(app, "build-api"));

    Recovery recovery = crashAndRestart(() -> markers.runs(app, "build-api").size() >= 2);

    finishSucceeded(app, "a running build command", recovery);
    assertThat(markers.applied(app, "build-api")).as("builds applied").hasSize(1);
  }

  @Test
  @Order(2)
  void anHttpDeployCall() {
    String app = release("crash-http", null, VERSION);
    CountDownLatch held = target.holdNextDeploy(app, "staging", "api", Duration.ofSeconds(5));
    awaitTrue(REACH_POINT, "deploying api to staging", () -> held.getCount() == 0);

    Recovery recovery = crashAndRestart(() -> retried(app, "staging", "api"));

    finishSucceeded(app, "an HTTP deploy call", recovery);
    assertThat(retried(app, "staging", "api")).as("the retry after the crash carried the same key").isTrue();
  }

  @Test
  @Order(3)
  void aCommandDeploy() {
    String app = release("crash-command", "deploy-staging-web", VERSION);
    awaitTrue(REACH_POINT, "deploying web to staging", () -> markers.started(app, "deploy-staging-web"));

    Recovery recovery = crashAndRestart(() -> markers.runs(app, "deploy-staging-web").size() >= 2);

    finishSucceeded(app, "a command deploy", recovery);
    assertThat(markers.runs(app, "deploy-staging-web")).as("both runs carried one key").hasSize(2)
        .containsOnly(markers.runs(app, "deploy-staging-web").get(0));
    assertThat(retried(app, "staging", "web")).as("the target recognised the retried deploy").isTrue();
  }

  @Test
  @Order(4)
  void theApprovalWait() {
    String app = release("crash-approval", null, VERSION);
    ReleaseStatus waiting = driver.awaitStatus(app, REACH_POINT, "waiting for approval", ReleaseDriver::waitsForApproval);
    String before = ReleaseDriver.fingerprint(waiting);

    worker.kill();
    long killed = System.nanoTime();
    worker.startAgain();
    double ready = seconds(killed);
    // Nothing moves at a gate until a person acts: the restarted worker must take the approval.
    ReleaseStatus approved = driver.approveWhenWaiting(app, MOVE_AGAIN);
    Recovery recovery = new Recovery(ready, seconds(killed));
    assertThat(ReleaseDriver.fingerprint(approved)).isNotEqualTo(before);

    finish(app, "the approval wait", recovery, Outcome.SUCCEEDED, false);
  }

  @Test
  @Order(5)
  void aCanaryAnalysis() {
    String app = release("crash-canary", null, VERSION);
    driver.approveWhenWaiting(app, REACH_POINT);
    ReleaseStatus measuring = driver.awaitStatus(app, REACH_POINT, "measuring the canary",
        s -> s.phase() == Phase.PRODUCTION_ROLLOUT
            && (measurements(s, "canary") >= 1 || String.valueOf(s.currentStep()).matches(".*analysis [1-9].*")));

    Recovery recovery = crashAndRestart(moved(app, ReleaseDriver.fingerprint(measuring)));

    finish(app, "a canary analysis", recovery, Outcome.SUCCEEDED, false);
  }

  @Test
  @Order(6)
  void theStabilityWindow() {
    String app = release("crash-stability", null, VERSION);
    driver.approveWhenWaiting(app, REACH_POINT);
    ReleaseStatus watching = driver.awaitStatus(app, REACH_POINT, "in the stability window",
        s -> s.phase() == Phase.STABILITY && measurements(s, "stability") >= 1);

    Recovery recovery = crashAndRestart(moved(app, ReleaseDriver.fingerprint(watching)));

    finish(app, "the stability window", recovery, Outcome.SUCCEEDED, false);
  }

  @Test
  @Order(7)
  void aRunningCompensation() {
    // A bad version fails its canary analysis; the undo of its production migration is slow.
    String app = release("crash-compensation", "undo-production", "2.0.0-bad");
    driver.approveWhenWaiting(app, REACH_POINT);
    awaitTrue(REACH_POINT, "undoing the production migration", () -> markers.started(app, "undo-production"));

    Recovery recovery = crashAndRestart(() -> markers.runs(app, "undo-production").size() >= 2);

    finish(app, "a running compensation", recovery, Outcome.ROLLED_BACK, false);
    for (String component : List.of("api", "web")) {
      ComponentView production = target.state(app).version("production", component);
      assertThat(production.version()).as("production %s", component).isEqualTo("1.0.0");
      assertThat(production.candidate()).as("production %s candidate", component).isNull();
    }
    assertThat(markers.applied(app, "undo-production")).as("undos applied").hasSize(1);
  }

  @Test
  @Order(8)
  void aRunningSmokeTest() {
    // The killed worker's health check hangs; the retry on the restarted worker is answered at once.
    String app = release("crash-smoke", null, VERSION);
    CountDownLatch held = target.holdNextHealthCheck(app, "staging", Duration.ofSeconds(90));
    awaitTrue(REACH_POINT, "smoke-testing staging", () -> held.getCount() == 0);

    Recovery recovery = crashAndRestart(() -> target.healthChecks(app, "staging") >= 2);

    finishSucceeded(app, "a running smoke test", recovery);
  }

  /* Seeds the application's target with 1.0.0 everywhere, holds a step if asked, and starts the release. */
  private static String release(String app, String holdStep, String version) {
    target.state(app).seed("1.0.0");
    if (holdStep != null) {
      markers.hold(app, holdStep);
    }
    driver.start(app, PIPELINE, version);
    return app;
  }

  /* SIGKILL, restart at once, and time until the worker is ready and until the release moves. */
  private static Recovery crashAndRestart(BooleanSupplier moved) {
    worker.kill();
    long killed = System.nanoTime();
    worker.startAgain();
    double ready = seconds(killed);
    awaitTrue(MOVE_AGAIN.plus(Duration.ofSeconds(15)), "moving again after the restart", moved);
    return new Recovery(ready, seconds(killed));
  }

  private static BooleanSupplier moved(String app, String before) {
    return () -> driver.status(app).map(s -> !ReleaseDriver.fingerprint(s).equals(before)).orElse(false);
  }

  private static void finishSucceeded(String app, String killPoint, Recovery recovery) {
    finish(app, killPoint, recovery, Outcome.SUCCEEDED, true);
  }

  /*
   * Approves when needed, waits for the end, checks the outcome and the target, and adds the row.
   * The recovery time is checked last, so that a slow recovery still shows what else went right.
   */
  private static void finish(String app, String killPoint, Recovery recovery, Outcome expected, boolean approve) {
    if (approve) {
      driver.approveWhenWaiting(app, REACH_POINT);
    }
    ReleaseResult result = driver.releases().awaitResult(app, RELEASE_TIMEOUT);
    int doubleApplies = doubleApplies(app);
    int retries = retriesByKey(app);
    table.add(String.format(Locale.ROOT, "%-28s %-12s %-14d %-15d %-15.1f %-15.1f %.1f", killPoint,
        result.outcome().name().toLowerCase(Locale.ROOT), doubleApplies, retries, recovery.readySeconds(),
        recovery.movedSeconds(), recovery.movedAfterReady()));

    assertThat(result.outcome()).as(killPoint + ": " + result.summary() + "\n" + worker.logTail()).isEqualTo(expected);
    if (expected == Outcome.SUCCEEDED) {
      for (String component : List.of("api", "web")) {
        ComponentView production = target.state(app).version("production", component);
        assertThat(production.version()).as("production %s", component).isEqualTo(VERSION);
        assertThat(production.candidate()).as("production %s candidate", component).isNull();
      }
    }
    assertThat(doubleApplies).as(killPoint + ": steps applied twice; deploys: " + target.events(app)).isZero();
    // Counted from the restarted worker being ready: how long a JVM takes to start on a busy
    // machine is not the release's doing, whereas a step that waits for a timeout is.
    assertThat(recovery.movedAfterReady()).as(killPoint + ": seconds from the restart until the release moved again")
        .isLessThanOrEqualTo(MOVE_AGAIN.toSeconds());
  }

  /*
   * Deploys applied more than once (the same component, version and weight in the same
   * environment applied by two calls that the target did not recognise as one), plus migration
   * and build steps that applied more than one key.
   */
  private static int doubleApplies(String app) {
    Map<String, Long> applied = target.events(app).stream()
        .filter(e -> !e.duplicate())
        .collect(Collectors.groupingBy(e -> e.environment() + "/" + e.component() + "/" + e.version() + "@" + e.weight(),
            Collectors.counting()));
    int twice = (int) applied.values().stream().filter(n -> n > 1).count();
    for (String step : APPLYING_STEPS) {
      twice += Math.max(0, markers.applied(app, step).size() - 1);
    }
    return twice;
  }

  /* Calls repeated with the same idempotency key and recognised as one: deploys and command steps. */
  private static int retriesByKey(String app) {
    int retries = (int) target.events(app).stream().filter(DeployEvent::duplicate).count();
    for (String step : APPLYING_STEPS) {
      retries += Math.max(0, markers.runs(app, step).size() - markers.applied(app, step).size());
    }
    return retries;
  }

  private static boolean retried(String app, String environment, String component) {
    return target.events(app).stream()
        .anyMatch(e -> e.duplicate() && e.environment().equals(environment) && e.component().equals(component));
  }

  private static int measurements(ReleaseStatus status, String step) {
    return status.analysis().stream()
        .filter(a -> a.step() != null && a.step().contains(step))
        .mapToInt(a -> a.measurements().size())
        .sum();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
