package dev.deployflow.e2e;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.worker.temporal.DevServerProcess;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The suite's one real Temporal ({@code temporal server start-dev}), as tests see it: its
 * address, its UI, a client, and the {@code temporal} binary to run CLI commands against it.
 * {@link DevServerExtension} starts it once per test run and injects it.
 */
public final class DevServer implements AutoCloseable {
  private final DevServerProcess process;
  private final Path binary;
  private final long startMillis;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  DevServer(DevServerProcess process, Path binary, long startMillis) {
    this.process = process;
    this.binary = binary;
    this.startMillis = startMillis;
    this.stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(process.target()).build());
    this.client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  /** The frontend, {@code 127.0.0.1:<port>}: the worker's {@code TEMPORAL_ADDRESS}. */
  public String address() {
    return process.target();
  }

  /** The Temporal UI, {@code http://127.0.0.1:<port>}. */
  public String uiUrl() {
    return process.uiUrl().orElseThrow();
  }

  /** The UI page of one workflow run. */
  public String uiUrl(String workflowId, String runId) {
    return uiUrl() + "/namespaces/default/workflows/" + workflowId + "/" + runId + "/history";
  }

  /** The {@code temporal} binary the server runs from; {@link TemporalCli} runs it. */
  public Path binary() {
    return binary;
  }

  /** The server's SQLite file under {@code e2e/target/}. */
  public Path dbFile() {
    return process.dbFile();
  }

  /** The server's own log. */
  public Path logFile() {
    return process.logFile();
  }

  /** How long the server took from launch until its frontend answered, in milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  /** A client of the {@code default} namespace. */
  public WorkflowClient client() {
    return client;
  }

  /** The release facade the CLI and the REST API use, on the {@code deployments} queue. */
  public ReleaseClient releases() {
    return new ReleaseClient(client, DeploymentWorkflow.TASK_QUEUE);
  }

  /** The Temporal CLI pointed at this server. */
  public TemporalCli cli() {
    return new TemporalCli(binary, address());
  }

  @Override
  public void close() {
    stubs.shutdown();
    try {
      stubs.awaitTermination(5, TimeUnit.SECONDS);
    } finally {
      process.close();
    }
  }
}
