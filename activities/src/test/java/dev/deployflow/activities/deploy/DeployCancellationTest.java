package dev.deployflow.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.command.CommandRunner;
import dev.deployflow.activities.command.ProcessRunner;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.HttpCall;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy activity run by Temporal's test activity environment, cancelled while it runs: a
 * hook call that has been sent is allowed to answer before the cancellation is reported, and a
 * deploy command is stopped and reaped, with its children, before it is.
 */
class DeployCancellationTest {
  private static final String KEY = "deploy-shop/run-1/production/api@10";
  private static final Pattern CHILD = Pattern.compile("child=(\\d+)");

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private final CountDownLatch releaseHook = new CountDownLatch(1);
  private final List<String> hookKeys = new CopyOnWriteArrayList<>();
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();
  private TestActivityEnvironment environment;
  private DeployActivities deploys;

  @BeforeEach
  void setUp() throws Exception {
    // A deploy hook that takes the request at once and answers only when the test lets it.
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        hookKeys.add(request.getHeaders().get("Idempotency-Key"));
        releaseHook.await(60, TimeUnit.SECONDS);
        return new MockResponse.Builder().code(200).body("{\"action\":\"canary\"}").build();
      }
    });
    server.start();
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("l"), dir.resolve("m"), new HashMap<>(System.getenv()),
        Duration.ofSeconds(2), Duration.ofSeconds(30), 0);
    CommandRunner commands =
        new CommandRunner(settings, new ProcessRunner(settings.outputTailBytes(), Duration.ofMillis(100), Duration.ofSeconds(5)));
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new DeployActivitiesImpl(settings, HttpClients.create(settings), commands, Duration.ofMillis(100)));
    environment.setActivityHeartbeatListener(String.class, heartbeats::add);
    deploys = environment.newActivityStub(DeployActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setHeartbeatTimeout(Duration.ofSeconds(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    releaseHook.countDown();
    environment.close();
    server.close();
  }

  @Test
  void aHookCallInFlightHeartbeatsAndAnswers() throws Exception {
    CompletableFuture<Object> outcome = deployAsync(hook());
    awaitUntil(() -> heartbeats.stream().filter(beat -> beat.contains("waiting for the answer")).count() >= 2);
    assertThat(outcome).isNotDone();

    releaseHook.countDown();

    assertThat(outcome.get(30, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(DeployResult.class, result -> assertThat(result.detail()).startsWith("HTTP 200"));
    assertThat(heartbeats).allSatisfy(beat -> assertThat(beat).startsWith("deploy api 1.2.0 to production at 10%: hook POST"));
    assertThat(hookKeys).containsExactly(KEY);
  }

  @Test
  void aCancelledHookCallIsAllowedToAnswerBeforeTheCancellationIsReported() throws Exception {
    CompletableFuture<Object> outcome = deployAsync(hook());
    awaitUntil(() -> hookKeys.size() == 1);

    environment.requestCancelActivity();
    // The heartbeat has delivered the cancellation (the beats say so), and the activity still waits.
    awaitUntil(() -> heartbeats.stream().anyMatch(beat -> beat.contains("cancelled, waiting for the answer")));
    Thread.sleep(300);
    assertThat(outcome).as("the activity waits for the hook's answer").isNotDone();

    releaseHook.countDown();

    assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(CanceledFailure.class);
    assertThat(hookKeys).as("the deploy was sent once and never again").containsExactly(KEY);
  }

  @Test
  void aCancelledDeployCommandIsStoppedAndReapedBeforeTheCancellationIsReported() throws Exception {
    Path stopped = dir.resolve("stopped");
    // The script cleans up on SIGTERM, which takes a while, and has a child that must die too.
    String script = "trap 'sleep 0.5; echo clean > \"$1\"; exit 0' TERM; sleep 300 & echo child=$!; wait";
    DeployRequest request = request(new DeploySpec(List.of("bash", "-c", script, "deploy", stopped.toString()), null, null, null, null));
    CompletableFuture<Object> outcome = deployAsync(request);
    awaitUntil(() -> heartbeats.stream().anyMatch(beat -> CHILD.matcher(beat).find()));
    Matcher child = CHILD.matcher(heartbeats.stream().filter(beat -> CHILD.matcher(beat).find()).findFirst().orElseThrow());
    assertThat(child.find()).isTrue();
    long childPid = Long.parseLong(child.group(1));
    assertThat(alive(childPid)).isTrue();

    environment.requestCancelActivity();

    assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(CanceledFailure.class);
    // By the time the cancellation is reported, the script has finished its clean-up and its child is gone.
    assertThat(stopped).hasContent("clean");
    assertThat(alive(childPid)).as("child %d alive", childPid).isFalse();
  }

  private DeployRequest hook() {
    HttpCall call = new HttpCall("POST", server.url("/deploy").toString(), Map.of(),
        "{\"component\":\"${component}\",\"version\":\"${version}\",\"weight\":${weight}}");
    return request(new DeploySpec(null, null, null, call, null));
  }

  private static DeployRequest request(DeploySpec spec) {
    return new DeployRequest("shop", "api", "production", "1.2.0", 10, spec, Map.of(), KEY);
  }

  /* The activity's result, or the Temporal failure it ended with. */
  private CompletableFuture<Object> deployAsync(DeployRequest request) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return deploys.deploy(request);
      } catch (TemporalFailure failure) {
        return failure;
      }
    });
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached within 20 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
