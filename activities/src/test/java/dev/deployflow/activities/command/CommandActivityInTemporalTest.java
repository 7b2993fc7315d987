package dev.deployflow.activities.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.CommandActivities;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.pipeline.CommandSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command activity run by Temporal's test activity environment: heartbeats and cancellation. */
class CommandActivityInTemporalTest {
  @TempDir Path dir;

  private TestActivityEnvironment environment;
  private CommandActivities commands;
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DEPLOY_TOKEN", "tok-heartbeat-5150");
    ActivitySettings settings =
        new ActivitySettings(dir.resolve("p"), dir, dir.resolve("l"), dir.resolve("m"), env, null, null, 0);
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(new CommandActivitiesImpl(
        new CommandRunner(settings, new ProcessRunner(settings.outputTailBytes(), Duration.ofMillis(100), Duration.ofSeconds(2)))));
    environment.setActivityHeartbeatListener(String.class, heartbeats::add);
    commands = environment.newActivityStub(CommandActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setHeartbeatTimeout(Duration.ofSeconds(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void tearDown() {
    environment.close();
  }

  @Test
  void heartbeatsCarryTheMaskedOutputTail() {
    commands.runCommand(new CommandRequest("migrate",
        new CommandSpec(List.of("bash", "-c", "echo migrating with $1; sleep 1.5", "s", "${env:DEPLOY_TOKEN}"), null, null),
        Map.of(), "key"));

    assertThat(heartbeats).anySatisfy(beat -> assertThat(beat).isEqualTo("migrating with ****\n"));
    assertThat(heartbeats).noneSatisfy(beat -> assertThat(beat).contains("tok-heartbeat"));
  }

  @Test
  void cancellingTheActivityKillsTheProcessTree() throws Exception {
    CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        commands.runCommand(new CommandRequest("deploy",
            new CommandSpec(List.of("bash", "-c", "sleep 300 & echo child=$!; sleep 300 & echo child=$!; wait"), null, null),
            Map.of(), "key"));
        return null;
      } catch (TemporalFailure failure) {
        return failure;
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (heartbeats.stream().noneMatch(beat -> ChildPids.in(beat).size() == 2) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<Long> children = heartbeats.stream().map(ChildPids::in).filter(pids -> pids.size() == 2).findFirst().orElseThrow();
    assertThat(children).allSatisfy(pid -> assertThat(ChildPids.alive(pid)).isTrue());

    environment.requestCancelActivity();
    Throwable failure = outcome.get(30, TimeUnit.SECONDS);

    // The test environment reports the cancellation itself; a real worker wraps it in an ActivityFailure.
    assertThat(failure).isInstanceOf(CanceledFailure.class);
    assertThat(children).allSatisfy(pid -> assertThat(ChildPids.alive(pid)).as("child %d alive", pid).isFalse());
  }
}
