package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.worker.config.DeployflowProperties.Embedded;
import dev.deployflow.worker.config.DeployflowProperties.EmbeddedKind;
import dev.deployflow.worker.temporal.DevServerProcess;
import dev.deployflow.worker.temporal.EmbeddedTemporal;
import dev.deployflow.worker.temporal.EmbeddedTemporalChoice;
import dev.deployflow.worker.temporal.TemporalCliLocator;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The worker's dev-server launcher on its own: a worker killed with SIGKILL cannot stop its dev
 * server, so the next start on the same database finds the orphan through the PID file, stops
 * it, and starts afresh on the same port.
 */
class DevServerProcessTest {

  @Test
  void theNextStartStopsTheServerAKilledPredecessorLeftOnTheSameDatabase() throws Exception {
    Path binary = TemporalCliLocator.find(null, E2ePaths.repoRoot(), System.getenv()).orElseThrow();
    Path dir = E2ePaths.targetDir("devserver-orphan");
    Path db = dir.resolve("orphan.db");
    Files.deleteIfExists(db);
    int port = Ports.free();
    DevServerProcess.Options options =
        new DevServerProcess.Options(
            binary, port, -1, db, "default", dir.resolve("orphan.log"), Duration.ofSeconds(90));

    DevServerProcess orphan = DevServerProcess.start(options);
    assertThat(db.resolveSibling("orphan.db.pid")).exists();
    // The predecessor is "killed": its DevServerProcess is never closed.
    try (DevServerProcess next = DevServerProcess.start(options)) {
      assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
      assertThat(next.isAlive()).isTrue();
      assertThat(next.pid()).isNotEqualTo(orphan.pid());
      assertThat(next.target()).isEqualTo("127.0.0.1:" + port);
      assertThat(next.uiUrl()).as("started without UI").isEmpty();
    } finally {
      orphan.close();
    }
    assertThat(db.resolveSibling("orphan.db.pid")).as("closing removes the PID file").doesNotExist();
  }

  /* A worker told TEMPORAL_NAMESPACE=team-a and no TEMPORAL_ADDRESS runs its dev server with that namespace. */
  @Test
  void theEmbeddedDevServerServesTheWorkersNamespace() throws Exception {
    Path binary = TemporalCliLocator.find(null, E2ePaths.repoRoot(), System.getenv()).orElseThrow();
    Path db = E2ePaths.targetDir("devserver-namespace").resolve("dev.db");
    Files.deleteIfExists(db);
    Embedded settings = new Embedded(EmbeddedKind.DEV_SERVER, Ports.free(), -1, db, binary.toString(), Duration.ofSeconds(90));
    try (EmbeddedTemporal temporal = EmbeddedTemporalChoice.resolve(EmbeddedKind.DEV_SERVER, binary.toString())
            .start(settings, "team-a")) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      try {
        assertThat(stubs.blockingStub().describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("team-a").build())
            .getNamespaceInfo().getName()).isEqualTo("team-a");
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
