package dev.deployflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deployflow.worker.temporal.SearchAttributeRegistrar;
import dev.deployflow.worker.temporal.TemporalConnection;
import dev.deployflow.worker.temporal.TemporalWorkerLifecycle;
import dev.deployflow.api.DeploySearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The worker as a whole, in embedded mode on free ports: it says first that Temporal is
 * embedded and not durable, reports healthy with its Temporal component, exports Temporal SDK
 * metrics to Prometheus, registers search attributes that a workflow can upsert, and shuts down
 * cleanly (worker drained, connection closed, embedded port released).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerApplicationTest {
  @TempDir static Path baseDir;

  private static RunningWorker worker;
  private static String startupOutput;

  @BeforeAll
  static void start(CapturedOutput output) {
    worker = RunningWorker.start(baseDir);
    startupOutput = output.getAll();
    System.out.printf(
        "[measure] SpringApplication.run to ready in the test JVM (warm when other tests ran"
            + " first): %d ms%n",
        worker.startMillis());
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  @Order(1)
  void firstLogLineSaysTemporalIsEmbeddedAndNotDurable() {
    int announcement = startupOutput.indexOf("EMBEDDED, IN-MEMORY Temporal");
    // Spring's own first line ("Starting <main class> using Java …"); under Surefire the main
    // class is the fork booter.
    int springStarting = startupOutput.indexOf(": Starting ");
    assertThat(announcement).isNotNegative();
    assertThat(springStarting).isGreaterThan(announcement);
    String firstLogLine =
        startupOutput.lines().filter(line -> line.contains(" --- [")).findFirst().orElseThrow();
    assertThat(firstLogLine).contains("EMBEDDED, IN-MEMORY Temporal", "NOT durable");
    assertThat(startupOutput).contains("NOT durable").contains("deployflow worker ready in");
  }

  @Test
  @Order(2)
  void embeddedTemporalListensOnAFreeLoopbackPort() {
    TemporalConnection connection = worker.bean(TemporalConnection.class);
    assertThat(connection.isEmbedded()).isTrue();
    int port = connection.embedded().orElseThrow().port();
    assertThat(port).isNotEqualTo(7233).isPositive();
    assertThat(connection.target()).isEqualTo("127.0.0.1:" + port);
  }

  @Test
  @Order(3)
  void healthIsUpWithTheTemporalComponent() {
    HttpResponse<String> health = worker.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .startsWith("{")
        .contains("\"status\":\"UP\"")
        .contains("\"temporal\":{")
        .contains("\"worker\":\"polling\"")
        .contains("\"server\":\"SERVING\"")
        .contains("embedded in-memory (not durable)");
  }

  @Test
  @Order(4)
  void prometheusExportsTemporalSdkMetrics() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              HttpResponse<String> metrics = worker.get("/actuator/prometheus");
              assertThat(metrics.statusCode()).isEqualTo(200);
              assertThat(metrics.body()).contains("temporal_request");
            });
  }

  @Test
  @Order(5)
  void searchAttributesAreRegisteredAndUpsertable() {
    SearchAttributeRegistrar.Outcome outcome =
        worker.bean(TemporalWorkerLifecycle.class).searchAttributes();
    assertThat(outcome.added())
        .containsExactlyInAnyOrder(
            "DeployApplication", "DeployVersion", "DeployPhase", "DeployOutcome",
            "DeployRequestedBy", "DeployApprovedBy", "DeployCommittedAt", "DeployLiveAt", "DeployFailedAt", "DeployRestoredAt");

    WorkflowClient client = worker.bean(WorkflowClient.class);
    WorkerFactory probeFactory = WorkerFactory.newInstance(client);
    probeFactory.newWorker("search-attribute-probe")
        .registerWorkflowImplementationTypes(SearchAttributeProbe.Impl.class);
    probeFactory.start();
    try {
      SearchAttributeProbe probe =
          client.newWorkflowStub(
              SearchAttributeProbe.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue("search-attribute-probe")
                  .setWorkflowId("probe-shop-api")
                  .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                  .build());
      probe.upsert("shop-api");
      SearchAttributes attributes =
          client.newUntypedWorkflowStub("probe-shop-api").describe().getTypedSearchAttributes();
      assertThat(attributes.get(DeploySearchAttributes.APPLICATION)).isEqualTo("shop-api");
      assertThat(attributes.get(DeploySearchAttributes.PHASE)).isEqualTo("staging");
      assertThat(attributes.get(DeploySearchAttributes.REQUESTED_BY)).isEqualTo("alice");
    } finally {
      probeFactory.shutdown();
      probeFactory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(100)
  void shutdownDrainsTheWorkerThenReleasesTheEmbeddedPort(CapturedOutput output)
      throws IOException {
    TemporalWorkerLifecycle lifecycle = worker.bean(TemporalWorkerLifecycle.class);
    TemporalConnection connection = worker.bean(TemporalConnection.class);
    WorkerFactory factory = lifecycle.factory();
    int port = connection.embedded().orElseThrow().port();

    worker.close();

    assertThat(factory.isTerminated()).isTrue();
    assertThat(lifecycle.isRunning()).isFalse();
    assertThat(connection.stubs().isShutdown()).isTrue();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
    String log = output.getAll();
    assertThat(log.indexOf("Temporal worker stopped"))
        .isNotNegative()
        .isLessThan(log.indexOf("Stopping the embedded Temporal"));
  }
}
