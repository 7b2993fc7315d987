package dev.deployflow.cli;

import static dev.deployflow.cli.CliCommandsTest.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deployflow.client.FakeDeploymentWorkflow;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live view: plain lines for logs, JSON for scripts, a redrawn screen on a terminal. */
class WatchCommandTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
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
  void startWatchPrintsEachLineOnceAndEndsWithTheOutcomeAndExitCodeZero() throws Exception {
    String app = newApp();
    CliRun.Live live = CliRun.start("start", "--app", app, "--version", "1.2.0", "--by", "alice",
        "--watch", "--interval", "50", "--temporal", server.address());

    // Pointed at a server other than the default, the command to copy names it.
    String gateLine = "[" + app + " 1.2.0] gate production waits for 1 approval(s) from bob, carol:"
        + " deployflow approve " + app + " --by bob --temporal " + server.address();
    live.awaitOutput(gateLine, TIMEOUT);
    // More polls while the gate waits: the same lines must not come again.
    Thread.sleep(300);
    client.approve(app, new ApproveMessage("bob", null, null));
    CliRun run = live.await(TIMEOUT);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    List<String> lines = run.outLines();
    assertThat(lines).doesNotHaveDuplicates();
    assertThat(lines.get(0)).startsWith("started " + app + " 1.2.0 as deploy-" + app);
    assertThat(lines).contains(
        "[" + app + " 1.2.0] phase approval",
        gateLine,
        "[" + app + " 1.2.0] phase completion");
    assertThat(lines).anyMatch(l -> l.matches("\\[" + app + " 1\\.2\\.0] \\d\\d:\\d\\d:\\d\\d production approved \\(bob\\)"));
    assertThat(lines).anyMatch(l -> l.endsWith(" production at 100%"));
    assertThat(lines.subList(lines.size() - 3, lines.size())).containsExactly(
        app + " 1.2.0 succeeded (previous version 1.0.0)",
        "1.2.0 is live in production",
        "exit code 0");
    assertThat(run.out()).doesNotContain("\033[");
  }

  @Test
  void startedByTheLauncherTheGateCommandRunsAsCopiedAgainstTheSameServer() throws Exception {
    String app = newApp();
    CommandHints launcher = CommandHints.fromEnvironment(java.util.Map.of(CommandHints.INVOKED_AS, "./deployflow"));
    CliRun.Live live = CliRun.start(launcher, "start", "--app", app, "--version", "1.2.0", "--by", "alice",
        "--watch", "--interval", "50", "--temporal", server.address());

    String gateLine = "[" + app + " 1.2.0] gate production waits for 1 approval(s) from bob, carol:"
        + " ./deployflow approve " + app + " --by bob --temporal " + server.address();
    live.awaitOutput(gateLine, TIMEOUT);
    String onTerminal = CliRun.onTerminal(launcher, "status", app, "--temporal", server.address()).out();
    client.approve(app, new ApproveMessage("bob", null, null));
    CliRun run = live.await(TIMEOUT);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).doesNotContain(": deployflow approve");
    assertThat(onTerminal)
        .contains("    $ ./deployflow approve " + app + " --by bob --temporal " + server.address())
        .contains("    $ temporal workflow update execute --workflow-id deploy-" + app);
  }

  @Test
  void watchingARejectedReleaseEndsWithExitCodeOne() throws Exception {
    String app = startedAtApproval();
    CliRun.Live live = CliRun.start("watch", app, "--interval", "50", "--temporal", server.address());
    live.awaitOutput("gate production waits", TIMEOUT);

    client.reject(app, new RejectMessage("carol", null, "not today"));
    CliRun run = live.await(TIMEOUT);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines()).doesNotHaveDuplicates();
    assertThat(run.outLines()).anyMatch(l -> l.endsWith("production rejected: not today (carol)"));
    assertThat(run.outLines().subList(run.outLines().size() - 3, run.outLines().size()))
        .containsExactly(app + " 1.2.0 rejected (previous version 1.0.0)",
            "rejected at the production gate", "exit code 1");
  }

  @Test
  void watchingAFinishedReleaseWithJsonOutputPrintsOnlyTheResult() throws Exception {
    String app = startedAtApproval();
    client.approve(app, new ApproveMessage("carol", null, null));
    client.awaitResult(app, TIMEOUT);

    CliRun run = CliRun.of("watch", app, "--output", "json", "--temporal", server.address());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.has("started")).isFalse();
    assertThat(json.get("result").get("application").asText()).isEqualTo(app);
    assertThat(json.get("result").get("outcome").asText()).isEqualTo("succeeded");
    assertThat(json.get("result").get("previousVersion").asText()).isEqualTo("1.0.0");
  }

  @Test
  void startWatchWithJsonOutputPrintsTheStartedReleaseAndTheResultAsOneDocument() throws Exception {
    String app = newApp();
    CliRun.Live live = CliRun.start("start", "--app", app, "--version", "3.0.0", "--by", "alice",
        "--watch", "--output", "json", "--interval", "50", "--temporal", server.address());
    awaitApproval(app);

    client.rollback(app, new RollbackMessage("bob", "changed my mind", RollbackLevel.CODE));
    CliRun run = live.await(TIMEOUT);

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.get("started").get("workflowId").asText()).isEqualTo("deploy-" + app);
    assertThat(json.get("result").get("outcome").asText()).isEqualTo("rolled_back");
  }

  @Test
  void aFailedRunEndsTheWatchWithItsReason() throws Exception {
    String app = newApp();
    client.start(new ReleaseRequest(app, "broken-1", null, null, null, "alice", null, null));

    CliRun run = CliRun.of("watch", app, "--interval", "50", "--temporal", server.address());
    CliRun json = CliRun.of("watch", app, "--output", "json", "--temporal", server.address());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.outLines().subList(run.outLines().size() - 2, run.outLines().size()))
        .containsExactly("the release workflow deploy-" + app + " failed: "
            + FakeDeploymentWorkflow.BROKEN_PIPELINE, "exit code 1");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(Json.mapper().readTree(json.out()).get("failure").asText())
        .endsWith(FakeDeploymentWorkflow.BROKEN_PIPELINE);
  }

  @Test
  void onATerminalTheScreenIsRedrawnWithMarksBarsAndTheOutcome() throws Exception {
    String app = startedAtApproval();
    client.approve(app, new ApproveMessage("bob", null, null));
    client.awaitResult(app, TIMEOUT);

    CliRun run = CliRun.onTerminal("watch", app, "--temporal", server.address());
    CliRun plain = CliRun.onTerminal("watch", app, "--plain", "--temporal", server.address());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("\033[H\033[2J")
        .contains("✓ preparation", "✓ completion")
        .contains("[██████████] 100%")
        .contains("error-rate")
        .contains("succeeded (previous version 1.0.0)");
    assertThat(plain.out()).doesNotContain("\033[");
  }

  @Test
  void watchingAnUnknownApplicationSaysSo() {
    CliRun run = CliRun.of("watch", "never-released", "--temporal", server.address());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no release of never-released found");
  }

  private static String startedAtApproval() {
    String app = newApp();
    client.start(new ReleaseRequest(app, "1.2.0", null, null, null, "alice", null, null));
    awaitApproval(app);
    return app;
  }

  private static void awaitApproval(String app) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (client.isRunning(app) && client.status(app).phase() == dev.deployflow.model.Phase.APPROVAL) {
        return;
      }
      CliCommandsTest.sleep(50);
    }
    throw new AssertionError(app + " never reached approval");
  }
}
