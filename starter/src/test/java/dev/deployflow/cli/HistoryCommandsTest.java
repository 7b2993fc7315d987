package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code history} and {@code dora} against the Java test server, which has no visibility store:
 * they say so plainly and exit 1. Their listing on the real dev server is tested end to end (module
 * e2e, ReleaseMetricsHistoryDoraTest).
 */
class HistoryCommandsTest {
  private static FakeReleaseServer server;

  @BeforeAll
  static void startServer() {
    server = FakeReleaseServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static CliRun cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--temporal";
    all[args.length + 1] = server.address();
    return CliRun.of(all);
  }

  @Test
  void historyOnAServerWithoutVisibilitySaysWhy() {
    CliRun run = cli("history", "--app", "shop");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("deployflow: release history and DORA read Temporal's visibility store")
        .contains("Java test server");
  }

  @Test
  void doraInJsonNamesTheFailureKind() throws Exception {
    CliRun run = cli("dora", "--app", "shop", "--since", "7d", "--output", "json");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.get("error").asText()).isEqualTo("no_visibility");
  }

  @Test
  void usageErrorsComeBeforeAnyConnection() {
    assertThat(cli("history").exitCode()).isEqualTo(2);
    assertThat(cli("history", "--app", "shop", "--limit", "0").exitCode()).isEqualTo(2);
    CliRun since = cli("dora", "--app", "shop", "--since", "soon");
    assertThat(since.exitCode()).isEqualTo(2);
    assertThat(since.err()).contains("--since: 'soon' is not a duration");
  }
}
