package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code freeze}, {@code freezes}, {@code unfreeze} against a test server running the real freeze calendar. */
class FreezeCommandsTest {
  private static FakeReleaseServer server;
  private static ReleaseClient client;

  @BeforeAll
  static void startServer() {
    server = FakeReleaseServer.start();
    client = server.releaseClient();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void freezeListAndUnfreeze() throws Exception {
    CliRun none = cli("freezes");
    assertThat(none.exitCode()).as(none.err()).isZero();
    assertThat(none.out()).contains("no active freeze");

    CliRun frozen = cli("freeze", "--reason", "holiday code freeze", "--until", "2h", "--app", "shop", "--app", "billing",
        "--by", "erin");
    assertThat(frozen.exitCode()).as(frozen.err()).isZero();
    assertThat(frozen.out()).startsWith("frozen: freeze-1 (holiday code freeze, by erin, until ")
        .contains(" holds shop, billing; lift it: deployflow unfreeze freeze-1");
    Freeze placed = client.freezes().get(0);
    assertThat(Duration.between(Instant.now(), Instant.parse(placed.until()))).isBetween(Duration.ofMinutes(100), Duration.ofHours(2));

    CliRun json = cli("freezes", "--output", "json");
    JsonNode list = Json.mapper().readTree(json.out());
    assertThat(list.get(0).get("id").asText()).isEqualTo("freeze-1");
    assertThat(list.get(0).get("applications").get(1).asText()).isEqualTo("billing");

    CliRun unknown = cli("unfreeze", "freeze-7", "--by", "erin");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("unfreeze refused: there is no active freeze 'freeze-7'; active: freeze-1");

    CliRun past = cli("freeze", "--reason", "late", "--until", "2020-01-01T00:00:00Z", "--by", "erin");
    assertThat(past.exitCode()).isEqualTo(1);
    assertThat(past.err()).contains("freeze refused: until: 2020-01-01T00:00:00Z is in the past");

    CliRun lifted = cli("unfreeze", "freeze-1", "--by", "erin");
    assertThat(lifted.exitCode()).as(lifted.err()).isZero();
    assertThat(lifted.out()).startsWith("unfrozen: freeze-1 (holiday code freeze");
    assertThat(client.freezes()).isEmpty();
  }

  @Test
  void aBadUntilIsAUsageError() {
    CliRun run = cli("freeze", "--reason", "x", "--until", "tomorrow", "--by", "erin");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--until 'tomorrow' is neither an instant");
  }

  private static CliRun cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--temporal";
    all[args.length + 1] = server.address();
    return CliRun.of(all);
  }
}
