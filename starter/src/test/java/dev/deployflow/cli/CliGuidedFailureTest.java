package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deployflow retry} and {@code deployflow skip} against a port-bound Temporal test server
 * running the fake release workflow, whose validators refuse senders as the real one does.
 */
class CliGuidedFailureTest {
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
  void retryIsSentAsTheUpdateAndAStrangerIsRefusedNamingWhoMay() {
    String app = started();

    CliRun accepted = cli("retry", app, "--by", "bob");
    CliRun refused = cli("retry", app, "--by", "mallory");

    assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    assertThat(accepted.out()).startsWith("retry accepted: " + app);
    assertThat(client.status(app).timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("retry of the failed step");
      assertThat(e.by()).isEqualTo("bob");
    });
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("retry refused: mallory may not retry: retry is for the production"
        + " approvers and operators (bob, carol)");
  }

  @Test
  void skipCarriesItsReasonAndWithoutOneIsAUsageError() {
    String app = started();

    CliRun accepted = cli("skip", app, "--by", "carol", "--reason", "flaky checkout check (OPS-12)");
    CliRun withoutReason = cli("skip", app, "--by", "carol");

    assertThat(accepted.exitCode()).as(accepted.err()).isZero();
    assertThat(accepted.out()).startsWith("skip accepted: " + app);
    assertThat(client.status(app).timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("skipped the failed step: flaky checkout check (OPS-12)");
    assertThat(withoutReason.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(withoutReason.err()).contains("--reason");
  }

  private static String started() {
    String app = "guided-" + APPS.incrementAndGet();
    CliRun run = cli("start", "--app", app, "--version", "1.2.0", "--by", "alice");
    assertThat(run.exitCode()).as(run.err()).isZero();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.status(app).phase() != Phase.APPROVAL && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return app;
  }

  private static CliRun cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--temporal";
    all[args.length + 1] = server.address();
    return CliRun.of(all);
  }
}
