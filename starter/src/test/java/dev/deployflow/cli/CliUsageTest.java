package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and usage: everything decided before Temporal is contacted. */
class CliUsageTest {

  @Test
  void helpDocumentsEveryCommandAndTheExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("start", "watch", "status", "approve", "reject", "rollback", "pause", "resume", "promote")
        .contains("Exit codes:")
        .contains("0   accepted; for watch and start --watch: the release succeeded")
        .contains("1   refused")
        .contains("2   usage error")
        .contains("--temporal=HOST:PORT", "$TEMPORAL_ADDRESS, else 127.0.0.1:7233");
  }

  @Test
  void eachCommandsHelpShowsItsOptionsTheGlobalOnesAndTheExitCodes() {
    CliRun run = CliRun.of("rollback", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Usage: deployflow rollback", "--by=NAME", "--level=config|code|full", "--reason=TEXT")
        .contains("--temporal=HOST:PORT", "--namespace", "--task-queue", "--output=text|json")
        .contains("Exit codes:", "2   usage error");
  }

  @Test
  void startedByTheLauncherTheHelpNamesTheProgramAsTyped() {
    CommandHints launcher = new CommandHints("./deployflow", null, null);

    CliRun help = CliRun.with(launcher, "--help");
    CliRun wrong = CliRun.with(launcher, "rollback");

    assertThat(help.out()).contains("Usage: ./deployflow [")
        .contains("  ./deployflow approve shop-api --by bob");
    assertThat(wrong.err()).contains("Try './deployflow rollback --help' for more.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",                                   // no command
      "deploy shop-api",                    // unknown command
      "status",                             // missing APP
      "status Shop_API",                    // not an application name
      "start --app shop-api",               // missing --version
      "start --app shop-api --version '1 2'", // invalid version
      "start --app shop-api --version 1 --kind later",
      "rollback shop-api --by bob --level half",
      "status shop-api --output yaml",
      "approve shop-api --by bob --frobnicate"
  })
  void usageErrorsExitWithTwoAndSayWhatIsWrongWithoutContactingTemporal(String line) {
    String[] args = line.isEmpty() ? new String[0] : split(line);

    // An unreachable address proves nothing was contacted: that would be exit code 1.
    CliRun run = CliRun.of(append(args, "--temporal", "127.0.0.1:" + FakeReleaseServer.freePort()));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("deployflow: ").contains("--help' for more.");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBadEnumValueListsTheAllowedOnes() {
    CliRun run = CliRun.of("start", "--app", "shop-api", "--version", "1.0", "--kind", "later");

    assertThat(run.err()).contains("Invalid value for option '--kind': 'later' is not one of standard, hotfix");
  }

  @Test
  void anUnreachableServerIsOneClearLineNamingTheAddressAndTheWorker() {
    String address = "127.0.0.1:" + FakeReleaseServer.freePort();

    CliRun run = CliRun.of("status", "shop-api", "--temporal", address);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("deployflow: cannot reach Temporal at " + address + " (connection refused).")
        .contains("Start the worker (./deployflow worker");
  }

  @Test
  void anUnreachableServerWithJsonOutputIsAJsonErrorOnStandardOutput() {
    String address = "127.0.0.1:" + FakeReleaseServer.freePort();

    CliRun run = CliRun.of("--output", "json", "approve", "shop-api", "--by", "bob", "--temporal", address);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"error\" : \"unreachable\"").contains("cannot reach Temporal at " + address);
  }

  private static String[] split(String line) {
    // Single quotes group words, as a shell would.
    java.util.List<String> parts = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
    while (m.find()) {
      parts.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return parts.toArray(String[]::new);
  }

  private static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
