package dev.deployflow.activities.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.pipeline.CommandSpec;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command activity on real child processes, called outside Temporal (no heartbeat). */
class CommandActivitiesImplTest {
  private static final String TOKEN = "tok-9f8e7d6c5b4a";

  @TempDir Path dir;

  private CommandActivitiesImpl commands(Map<String, String> environment, int tailBytes) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(environment);
    ActivitySettings settings =
        new ActivitySettings(dir.resolve("pipelines"), dir, dir.resolve("log.jsonl"), dir.resolve("pm"), env, null, null, tailBytes);
    return new CommandActivitiesImpl(
        new CommandRunner(settings, new ProcessRunner(settings.outputTailBytes(), Duration.ofMillis(100), Duration.ofSeconds(2))));
  }

  private CommandActivitiesImpl commands() {
    return commands(Map.of(), 0);
  }

  private static CommandRequest request(CommandSpec spec, Map<String, String> vars) {
    return new CommandRequest("build api", spec, vars, "release-42/build-api");
  }

  private static CommandSpec bash(String script, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("bash", "-c", script, "script"));
    argv.addAll(List.of(args));
    return new CommandSpec(argv, null, null);
  }

  @Test
  void substitutesVariablesAndReturnsTheOutput() {
    CommandResult result =
        commands().runCommand(request(bash("echo building $1 $2", "${component}", "${version}"),
            Map.of("component", "api", "version", "1.2.0")));

    assertThat(result.exitCode()).isZero();
    assertThat(result.outputTail()).isEqualTo("building api 1.2.0\n");
    assertThat(result.durationMillis()).isNotNegative();
  }

  @Test
  void argumentsAreNeverInterpretedByAShell() {
    CommandResult result =
        commands().runCommand(request(new CommandSpec(List.of("echo", "${version}"), null, null),
            Map.of("version", "1.0; touch hacked $(id)")));

    assertThat(result.outputTail()).isEqualTo("1.0; touch hacked $(id)\n");
    assertThat(dir.resolve("hacked")).doesNotExist();
  }

  @Test
  void aNonZeroExitIsARetryableFailureCarryingTheTail() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> commands().runCommand(request(bash("echo compiling; echo 'error: missing symbol' >&2; exit 3"), Map.of())));

    assertThat(failure.getType()).isEqualTo("CommandFailed");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage())
        .startsWith("build api: `bash -c")
        .contains("exited with code 3")
        .contains("compiling")
        .contains("error: missing symbol");
    assertThat(failure.getDetails().get(Integer.class)).isEqualTo(3);
  }

  @Test
  void aTimeoutKillsTheTreeAndIsRetryable() {
    CommandSpec spec = new CommandSpec(
        List.of("bash", "-c", "sleep 300 & echo child=$!; sleep 300 & echo child=$!; wait"), "1s", null);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> commands().runCommand(request(spec, Map.of())));

    assertThat(failure.getType()).isEqualTo("CommandTimedOut");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("did not finish within 1s").contains("child processes");
    List<Long> children = ChildPids.in(failure.getOriginalMessage());
    assertThat(children).hasSize(2);
    assertThat(children).allSatisfy(pid -> assertThat(ChildPids.alive(pid)).as("child %d alive", pid).isFalse());
  }

  @Test
  void secretsFromEnvPlaceholdersNeverAppearInResultsOrFailures() {
    CommandActivitiesImpl commands = commands(Map.of("DEPLOY_TOKEN", TOKEN, "PLAIN_SETTING", "plain-value-77"), 0);

    CommandSpec echoes = bash("echo arg=$1; echo plain=$2; echo env=$DEPLOY_TOKEN", "${env:DEPLOY_TOKEN}", "${env:PLAIN_SETTING}");
    CommandResult result = commands.runCommand(request(
        new CommandSpec(echoes.command(), null, null, List.of("DEPLOY_TOKEN")), Map.of()));
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> commands.runCommand(request(
        bash("echo token is $1; exit 1", "${env:DEPLOY_TOKEN}"), Map.of())));

    assertThat(result.outputTail()).isEqualTo("arg=****\nplain=****\nenv=****\n");
    assertThat(failure.getMessage()).doesNotContain(TOKEN).contains("token is ****");
    // The command line in the message is masked too.
    assertThat(failure.getOriginalMessage()).startsWith("build api: `bash -c 'echo token is $1; exit 1' script ****`");
  }

  @Test
  void valuesOfSecretLookingVariablesAreMaskedEvenWhenNotReferenced() {
    CommandResult result = commands(Map.of("SERVICE_API_KEY", "key-0a1b2c3d"), 0)
        .runCommand(request(new CommandSpec(bash("echo leaked=$SERVICE_API_KEY").command(), null, null,
            List.of("SERVICE_API_KEY")), Map.of()));

    assertThat(result.outputTail()).isEqualTo("leaked=****\n");
  }

  @Test
  void theIdempotencyKeyIsInTheEnvironment() {
    CommandResult result = commands().runCommand(request(bash("echo key=$DEPLOYFLOW_IDEMPOTENCY_KEY"), Map.of()));

    assertThat(result.outputTail()).isEqualTo("key=release-42/build-api\n");
  }

  @Test
  void theWorkingDirectoryIsResolvedUnderTheWorkersOne() throws Exception {
    Files.createDirectories(dir.resolve("services/api"));
    CommandResult result = commands().runCommand(request(
        new CommandSpec(List.of("pwd"), null, "services/${component}"), Map.of("component", "api")));

    assertThat(Path.of(result.outputTail().strip()).toRealPath()).isEqualTo(dir.resolve("services/api").toRealPath());
  }

  @Test
  void anUnknownProgramIsNotRunnableAndNotRetryable() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> commands().runCommand(
        request(new CommandSpec(List.of("./no-such-build-script.sh", "${env:DEPLOY_TOKEN}"), null, null), Map.of())
    ));
    // With no DEPLOY_TOKEN configured, the placeholder is the first problem.
    assertThat(failure.getType()).isEqualTo("CommandNotRunnable");

    ApplicationFailure cannotStart = catchThrowableOfType(ApplicationFailure.class, () -> commands(Map.of("DEPLOY_TOKEN", TOKEN), 0)
        .runCommand(request(new CommandSpec(List.of("./no-such-build-script.sh", "${env:DEPLOY_TOKEN}"), null, null), Map.of())));

    assertThat(cannotStart.getType()).isEqualTo("CommandNotRunnable");
    assertThat(cannotStart.isNonRetryable()).isTrue();
    assertThat(cannotStart.getOriginalMessage()).contains("cannot start").contains("no-such-build-script.sh").doesNotContain(TOKEN);
  }

  @Test
  void aPlaceholderWithoutValueIsNotRunnableAndNamesIt() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> commands().runCommand(request(new CommandSpec(List.of("echo", "${env:NOT_SET_ANYWHERE_X}"), null, null), Map.of())));

    assertThat(failure.getType()).isEqualTo("CommandNotRunnable");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("NOT_SET_ANYWHERE_X");
  }

  @Test
  void aMissingWorkingDirectoryOrABadTimeoutIsNotRunnable() {
    ApplicationFailure noDir = catchThrowableOfType(ApplicationFailure.class,
        () -> commands().runCommand(request(new CommandSpec(List.of("true"), null, "nowhere"), Map.of())));
    ApplicationFailure badTimeout = catchThrowableOfType(ApplicationFailure.class,
        () -> commands().runCommand(request(new CommandSpec(List.of("true"), "soon", null), Map.of())));

    assertThat(noDir.getType()).isEqualTo("CommandNotRunnable");
    assertThat(noDir.getOriginalMessage()).contains("nowhere").contains("does not exist");
    assertThat(badTimeout.getType()).isEqualTo("CommandNotRunnable");
    assertThat(badTimeout.getOriginalMessage()).contains("'soon' is not a duration");
  }

  @Test
  void theTailIsBoundedBySettings() {
    CommandResult result = commands(Map.of(), 1024)
        .runCommand(request(bash("for i in $(seq 1 20000); do echo line-$i; done"), Map.of()));

    assertThat(result.outputTail().length()).isLessThanOrEqualTo(1024);
    assertThat(result.outputTail()).endsWith("line-20000\n").doesNotContain("line-1\n");
  }
}
