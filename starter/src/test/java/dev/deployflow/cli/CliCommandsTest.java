package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each command against a port-bound Temporal test server running the fake release workflow.
 * Every test releases its own application, so tests never see each other's releases.
 */
class CliCommandsTest {
  private static final AtomicInteger APPS = new AtomicInteger();
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
  void startPrintsTheWorkflowIdAndHowToFollowIt() {
    String app = newApp();

    CliRun run = cli("start", "--app", app, "--version", "1.2.0", "--by", "alice",
        "--change", "New 'Job Matching' feature", "--change", "Fix crash");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("started " + app + " 1.2.0 as deploy-" + app + " (run ")
        .contains("on task queue deployments, requested by alice")
        .contains("follow it: deployflow watch " + app + " --temporal " + server.address());
    assertThat(client.status(app).version()).isEqualTo("1.2.0");
  }

  @Test
  void startWithJsonOutputPrintsTheStartedRelease() throws Exception {
    String app = newApp();

    CliRun run = cli("start", "--app", app, "--version", "2.0.0", "--by", "alice",
        "--kind", "HOTFIX", "--impact", "high", "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.get("workflowId").asText()).isEqualTo("deploy-" + app);
    assertThat(json.get("runId").asText()).isNotBlank();
    assertThat(json.get("request").get("kind").asText()).isEqualTo("hotfix");
    assertThat(json.get("request").get("impact").asText()).isEqualTo("high");
    assertThat(json.get("request").get("pipeline").asText()).isEqualTo(app);
  }

  @Test
  void aSecondStartIsRefusedNamingTheRunningVersionAndPhase() {
    String app = startedAtApproval();

    CliRun run = cli("start", "--app", app, "--version", "1.3.0", "--by", "alice");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("deployflow: " + app + " already has a release in flight: 1.2.0"
        + " in phase approval (deploy-" + app + "). Wait for it, or roll it back: deployflow rollback "
        + app + " --temporal " + server.address() + System.lineSeparator());
  }

  @Test
  void startedByTheLauncherTheConflictHintAndTheFollowHintRunAsCopied() {
    String app = newApp();
    CommandHints launcher = CommandHints.fromEnvironment(java.util.Map.of(CommandHints.INVOKED_AS, "./deployflow"));

    CliRun first = CliRun.with(launcher, "start", "--app", app, "--version", "1.2.0", "--by", "alice",
        "--temporal", server.address());
    CliRun second = CliRun.with(launcher, "--temporal", server.address(), "start", "--app", app,
        "--version", "1.3.0", "--by", "alice");

    assertThat(first.out()).contains("follow it: ./deployflow watch " + app + " --temporal " + server.address());
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err()).endsWith("Wait for it, or roll it back: ./deployflow rollback " + app
        + " --temporal " + server.address() + System.lineSeparator());
  }

  @Test
  void statusShowsPhasesGateAndTheCommandsToApprove() {
    String app = startedAtApproval();

    CliRun run = cli("status", app);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(app + " 1.2.0  requested by alice")
        .contains("✓ preparation  ✓ staging  ▶ approval  · production_rollout")
        .contains("staging      1.2.0      [██████████] 100%")
        .contains("production   waiting  0/1 approvals  approvers: bob, carol")
        .contains("    $ deployflow approve " + app + " --by bob")
        .contains("    $ temporal workflow update execute --workflow-id deploy-" + app)
        .doesNotContain("\033[");
  }

  @Test
  void statusWithJsonOutputIsTheStatusRecord() throws Exception {
    String app = startedAtApproval();

    CliRun run = cli("status", app, "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.get("application").asText()).isEqualTo(app);
    assertThat(json.get("phase").asText()).isEqualTo("approval");
    assertThat(json.get("state").asText()).isEqualTo("waiting");
    assertThat(json.get("gates").get(0).get("approvers").toString()).isEqualTo("[\"bob\",\"carol\"]");
    assertThat(json.get("timeline").isArray()).isTrue();
    assertThat(json.get("rejectedMessages").isArray()).isTrue();
  }

  @Test
  void statusOfAnUnknownApplicationSaysSoAndExitsOne() {
    CliRun run = cli("status", "never-released");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("deployflow: no release of never-released found (workflow id deploy-never-released)");
  }

  @Test
  void aRefusedApprovalPrintsTheValidatorsReasonAndExitsOne() {
    String app = startedAtApproval();

    CliRun run = cli("approve", app, "--by", "mallory");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("deployflow: approve refused: mallory may not approve the"
        + " production gate: its approvers are bob, carol" + System.lineSeparator());
    assertThat(client.status(app).gates().get(0).approvals()).isEmpty();
  }

  @Test
  void aRefusalWithJsonOutputIsAJsonErrorCarryingTheReason() throws Exception {
    String app = startedAtApproval();

    CliRun run = cli("--output", "json", "promote", app, "--by", "bob");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.get("error").asText()).isEqualTo("refused");
    assertThat(json.get("message").asText()).isEqualTo("promote refused: nothing to promote in phase approval");
  }

  @Test
  void anAcceptedApprovalPrintsTheAcknowledgement() {
    String app = startedAtApproval();

    CliRun run = cli("approve", app, "--by", "bob", "--comment", "lgtm");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("approve accepted: " + app + " 1.2.0 is in phase approval");
    assertThat(client.status(app).gates().get(0).approvals().get(0).comment()).isEqualTo("lgtm");
  }

  @Test
  void anAcceptedMessageWithJsonOutputIsTheAcknowledgementWithTheNewStatus() throws Exception {
    String app = startedAtApproval();

    CliRun run = cli("approve", app, "--by", "carol", "--gate", "production", "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.get("message").asText()).isEqualTo("approve");
    assertThat(json.get("application").asText()).isEqualTo(app);
    assertThat(json.get("accepted").asBoolean()).isTrue();
    assertThat(json.get("status").get("gates").get(0).get("state").asText()).isEqualTo("approved");
  }

  @Test
  void rejectEndsTheReleaseRejected() {
    String app = startedAtApproval();

    CliRun run = cli("reject", app, "--by", "carol", "--reason", "error budget spent");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("reject accepted: " + app);
    assertThat(client.awaitResult(app, Duration.ofSeconds(30)).outcome().json()).isEqualTo("rejected");
  }

  @Test
  void rollbackTakesItsLevelAndEndsTheReleaseRolledBack() {
    String app = startedAtApproval();

    CliRun run = cli("rollback", app, "--by", "bob", "--level", "FULL", "--reason", "oops");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(client.status(app).timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("rollback (full) requested");
    assertThat(client.awaitResult(app, Duration.ofSeconds(30)).outcome().json()).isEqualTo("rolled_back");
  }

  @Test
  void pauseAndResumeAreAcknowledgedAndASecondPauseIsRefused() {
    String app = startedAtApproval();

    assertThat(cli("pause", app, "--by", "bob", "--reason", "incident").out())
        .startsWith("pause accepted: " + app + " 1.2.0 is in phase approval (paused)");
    CliRun again = cli("pause", app, "--by", "bob");
    CliRun resumed = cli("resume", app, "--by", "bob");

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("pause refused: the release is already paused");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(client.status(app).state().json()).isEqualTo("waiting");
  }

  @Test
  void promoteDuringTheRolloutIsAccepted() {
    String app = startedAtApproval();
    client.approve(app, new dev.deployflow.model.ApproveMessage("bob", null, null));
    awaitPhase(app, Phase.PRODUCTION_ROLLOUT);

    CliRun run = cli("promote", app, "--by", "bob", "--full");

    // The rollout may have moved on between the poll and the message; either answer is the
    // validator's, and the release still succeeds.
    assertThat(run.exitCode() == 0 ? run.out() : run.err())
        .containsAnyOf("promote accepted: " + app, "promote refused: nothing to promote in phase");
    assertThat(client.awaitResult(app, Duration.ofSeconds(30)).outcome().json()).isEqualTo("succeeded");
  }

  @Test
  void promoteAllWavesNeedsFullAndIsSentWithIt() {
    CliRun alone = cli("promote", "shop", "--by", "bob", "--all-waves");
    assertThat(alone.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(alone.err()).contains("--all-waves applies only with --full");

    String app = startedAtApproval();
    client.approve(app, new dev.deployflow.model.ApproveMessage("bob", null, null));
    awaitPhase(app, Phase.PRODUCTION_ROLLOUT);
    CliRun run = cli("promote", app, "--by", "bob", "--full", "--all-waves");
    assertThat(run.exitCode() == 0 ? run.out() : run.err())
        .containsAnyOf("promote accepted: " + app, "promote refused: nothing to promote in phase");
    if (run.exitCode() == 0) {
      assertThat(client.status(app).timeline()).extracting(dev.deployflow.model.ReleaseStatus.TimelineEvent::event)
          .contains("promoted (all waves)");
    }
    assertThat(client.awaitResult(app, Duration.ofSeconds(30)).outcome().json()).isEqualTo("succeeded");
  }

  @Test
  void aMessageToAFinishedReleaseIsRefused() {
    String app = startedAtApproval();
    client.reject(app, new dev.deployflow.model.RejectMessage("bob", null, null));
    client.awaitResult(app, Duration.ofSeconds(30));

    CliRun run = cli("approve", app, "--by", "bob");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("approve refused: " + app + " has no release in flight");
  }

  @Test
  void withoutAWorkerQueriesAndMessagesEndWithAClearNoAnswerInsteadOfHanging() {
    String app = newApp();
    CliRun started = cli("start", "--app", app, "--version", "1.0.0", "--by", "alice",
        "--task-queue", "nobody-polls-this");

    CliRun status = cli("status", app, "--timeout", "1", "--task-queue", "nobody-polls-this");
    CliRun approve = cli("approve", app, "--by", "bob", "--timeout", "1", "--task-queue", "nobody-polls-this");

    assertThat(started.exitCode()).as(started.err()).isZero();
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.err()).isEqualTo("deployflow: no answer to the status query of " + app
        + " within 1s: is a deployflow worker polling task queue 'nobody-polls-this' at "
        + server.address() + "? Start it with ./deployflow worker (or wait longer with --timeout)."
        + System.lineSeparator());
    assertThat(approve.exitCode()).isEqualTo(1);
    assertThat(approve.err()).startsWith("deployflow: no answer to the approve update within 1s");
  }

  static String newApp() {
    return "app-" + APPS.incrementAndGet();
  }

  /** Starts a release as alice and waits until its production gate waits. */
  static String startedAtApproval() {
    String app = newApp();
    CliRun run = cli("start", "--app", app, "--version", "1.2.0", "--by", "alice");
    assertThat(run.exitCode()).as(run.err()).isZero();
    awaitPhase(app, Phase.APPROVAL);
    return app;
  }

  static void awaitPhase(String app, Phase phase) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.status(app).phase() != phase && System.nanoTime() < deadline) {
      sleep(50);
    }
    assertThat(client.status(app).phase()).isEqualTo(phase);
  }

  static CliRun cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--temporal";
    all[args.length + 1] = server.address();
    return CliRun.of(all);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
