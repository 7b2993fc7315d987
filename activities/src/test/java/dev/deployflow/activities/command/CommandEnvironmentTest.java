package dev.deployflow.activities.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.pipeline.CommandSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment a pipeline's command really gets, read back from a real {@code env} process run
 * by a worker whose own environment holds its signing secret, its Temporal API key and a database
 * URL: only PATH, HOME, LANG, TZ, the step variables and what the command's env list names.
 */
class CommandEnvironmentTest {
  private static final String SIGNING_SECRET = "slack-signing-9d8c7b6a5f4e";
  private static final String TEMPORAL_KEY = "temporal-api-key-0a1b2c3d4e";
  private static final String DATABASE_URL = "postgres://u:s3cr3tpw@db/x";

  @TempDir Path dir;

  private CommandActivitiesImpl commands() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DEPLOYFLOW_SLACK_SIGNING_SECRET", SIGNING_SECRET);
    env.put("TEMPORAL_API_KEY", TEMPORAL_KEY);
    env.put("DATABASE_URL", DATABASE_URL);
    env.put("BUILD_CACHE_DIR", "/var/cache/builds");
    env.put("LANG", "C.UTF-8");
    ActivitySettings settings =
        new ActivitySettings(dir.resolve("pipelines"), dir, dir.resolve("log.jsonl"), dir.resolve("pm"), env, null, null, 0);
    return new CommandActivitiesImpl(
        new CommandRunner(settings, new ProcessRunner(settings.outputTailBytes(), Duration.ofMillis(100), Duration.ofSeconds(2))));
  }

  private static CommandRequest build(List<String> env) {
    return new CommandRequest("build api", new CommandSpec(List.of("env"), null, null, env),
        Map.of("application", "shop-api", "version", "1.2.0", "environment", "staging", "component", "api",
            "weight", "10", "previousVersion", "1.1.0"),
        "release-42/build-api");
  }

  private static Map<String, String> parse(String output) {
    return Arrays.stream(output.split("\n"))
        .filter(line -> line.contains("="))
        .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
  }

  @Test
  void aBuildSeesOnlyTheAllowListTheStepVariablesAndItsOwnEnvList() {
    CommandResult result = commands().runCommand(build(List.of("BUILD_CACHE_DIR")));

    Map<String, String> seen = parse(result.outputTail());
    Set<String> expected = new TreeSet<>(List.of("LANG", "BUILD_CACHE_DIR", "DEPLOYFLOW_IDEMPOTENCY_KEY",
        "DEPLOYFLOW_APPLICATION", "DEPLOYFLOW_VERSION", "DEPLOYFLOW_ENVIRONMENT", "DEPLOYFLOW_COMPONENT", "DEPLOYFLOW_WEIGHT"));
    for (String base : List.of("PATH", "HOME", "TZ")) {
      if (System.getenv(base) != null) {
        expected.add(base);
      }
    }
    assertThat(new TreeSet<>(seen.keySet())).isEqualTo(expected);
    assertThat(seen)
        .containsEntry("BUILD_CACHE_DIR", "/var/cache/builds")
        .containsEntry("LANG", "C.UTF-8")
        .containsEntry("DEPLOYFLOW_IDEMPOTENCY_KEY", "release-42/build-api")
        .containsEntry("DEPLOYFLOW_APPLICATION", "shop-api")
        .containsEntry("DEPLOYFLOW_VERSION", "1.2.0")
        .containsEntry("DEPLOYFLOW_ENVIRONMENT", "staging")
        .containsEntry("DEPLOYFLOW_COMPONENT", "api")
        .containsEntry("DEPLOYFLOW_WEIGHT", "10");
    assertThat(result.outputTail())
        .doesNotContain("DEPLOYFLOW_SLACK_SIGNING_SECRET").doesNotContain(SIGNING_SECRET)
        .doesNotContain("TEMPORAL_API_KEY").doesNotContain(TEMPORAL_KEY)
        .doesNotContain("DATABASE_URL").doesNotContain("s3cr3tpw");
  }

  @Test
  void aListedSecretReachesTheCommandButNotItsOutput() {
    CommandResult result = commands().runCommand(build(List.of("DATABASE_URL")));

    assertThat(parse(result.outputTail())).containsEntry("DATABASE_URL", "****").doesNotContainKey("TEMPORAL_API_KEY");
    assertThat(result.outputTail()).doesNotContain("s3cr3tpw");
  }

  @Test
  void aCommandWithoutAnEnvListSeesNoneOfTheWorkersVariables() {
    Map<String, String> seen = parse(commands().runCommand(build(null)).outputTail());

    assertThat(seen.keySet()).allMatch(name -> Set.of("PATH", "HOME", "LANG", "TZ").contains(name) || name.startsWith("DEPLOYFLOW_"));
    assertThat(seen).doesNotContainKey("BUILD_CACHE_DIR").doesNotContainKey("DEPLOYFLOW_SLACK_SIGNING_SECRET");
  }

  @Test
  void anEnvListNamingAWorkerVariableIsNotRunnable() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> commands().runCommand(build(List.of("TEMPORAL_API_KEY"))));

    assertThat(failure.getType()).isEqualTo("CommandNotRunnable");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("build api: cannot run the command: env names TEMPORAL_API_KEY,"
        + " a variable of the worker itself (DEPLOYFLOW_*, TEMPORAL_*), which commands never get");
  }
}
