package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.demo.target.DemoTarget;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.worker.temporal.TemporalCliLocator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worker's durable embedded default: with no TEMPORAL_ADDRESS it runs the Temporal CLI's dev
 * server on a file under its {@code var/}, and a worker restarted on the same file continues the
 * release that was waiting at its approval gate. The worker is stopped by PID (SIGTERM) and its
 * dev server goes with it.
 */
class DurableEmbeddedDefaultTest {
  private static final String APP = "e2e-gate";

  @Test
  void aRestartedWorkerContinuesTheReleaseWaitingAtItsGate() throws IOException {
    assertThat(TemporalCliLocator.find(null, E2ePaths.repoRoot(), System.getenv()))
        .as("the Temporal CLI, which scripts/ensure-temporal.sh installs")
        .isPresent();
    int[] ports = Ports.free(3);
    int port = ports[0];
    Path workDir = E2ePaths.targetDir("durable-embedded");
    Path db = workDir.resolve("var/temporal/dev.db");
    Files.deleteIfExists(db);
    try (DemoTarget target = DemoTarget.start(0);
        WorkerProcess worker =
            WorkerProcess.builder(null, "durable-embedded")
                .workDir(workDir)
                .env("DEMO_TARGET_URL", target.url())
                .arg("--deployflow.embedded.port=" + port)
                .arg("--deployflow.embedded.ui-port=" + ports[1])
                .httpPort(ports[2])
                .start()) {
      assertThat(worker.logTail())
          .as("the first log line names the dev server")
          .contains("EMBEDDED Temporal DEV SERVER");
      assertThat(db).as("the dev server's file under the worker's var/").exists();
      long devServerPid = devServerPid(db).orElseThrow();

      try (Client client = new Client("127.0.0.1:" + port)) {
        client.releases.start(
            new ReleaseRequest(APP, "3.1.0", null, null, null, "alice", List.of(), null));
        Await.status(client.releases, APP, Duration.ofSeconds(60), Await::waitingAtGate);
      }

      worker.stop();
      assertThat(ProcessHandle.of(devServerPid).map(ProcessHandle::isAlive).orElse(false))
          .as("the dev server stops with the worker")
          .isFalse();
      assertThat(listens(port)).as("nothing listens on the frontend port any more").isFalse();

      worker.startAgain();
      try (Client client = new Client("127.0.0.1:" + port)) {
        assertThat(client.releases.status(APP).version()).isEqualTo("3.1.0");
        client.releases.approve(APP, new ApproveMessage("bob", null, "after the restart"));
        ReleaseResult result = client.releases.awaitResult(APP, Duration.ofSeconds(90));
        assertThat(result.outcome()).as(worker.logTail()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.version()).isEqualTo("3.1.0");
      }
      assertThat(target.state().snapshot().get("production").get("api").toString())
          .contains("3.1.0");
    }
  }

  private static Optional<Long> devServerPid(Path db) throws IOException {
    Path pidFile = db.resolveSibling(db.getFileName() + ".pid");
    return Files.isRegularFile(pidFile)
        ? Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
        : Optional.empty();
  }

  private static boolean listens(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A client of the worker's embedded Temporal. */
  private static final class Client implements AutoCloseable {
    final WorkflowServiceStubs stubs;
    final ReleaseClient releases;

    Client(String target) {
      stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      releases =
          new ReleaseClient(
              WorkflowClient.newInstance(
                  stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build()),
              DeploymentWorkflow.TASK_QUEUE);
    }

    @Override
    public void close() {
      stubs.shutdownNow();
    }
  }
}
