package dev.deployflow.cli;

import dev.deployflow.client.FakeDeploymentWorkflow;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.api.DeploySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;

/**
 * A Temporal test server bound to a local port, in real time, with a worker running the fake
 * release workflow: what the command line talks to in tests. Run {@link #main} to keep one up
 * for timing the command line from a cold JVM.
 */
final class FakeReleaseServer implements AutoCloseable {
  static final String QUEUE = "deployments";

  private final TestServer.PortBoundTestServer server;
  private final WorkflowServiceStubs stubs;
  private final WorkerFactory workers;
  private final int port;

  private FakeReleaseServer(int port) {
    this.port = port;
    this.server = TestServer.createPortBoundServer(port);
    this.stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    registerSearchAttributes();
    this.workers = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    Worker worker = workers.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(FakeDeploymentWorkflow.class, FakeReleasePlanWorkflow.class,
        dev.deployflow.workflow.FreezeCalendarWorkflowImpl.class);
    workers.start();
  }

  /** As the worker does at start-up: the release workflow keeps these current. */
  private void registerSearchAttributes() {
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(
        OperatorServiceStubsOptions.newBuilder().setTarget(address()).validateAndBuildWithDefaults());
    AddSearchAttributesRequest.Builder request =
        AddSearchAttributesRequest.newBuilder().setNamespace("default");
    DeploySearchAttributes.ALL.forEach(
        key -> request.putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    operator.blockingStub().addSearchAttributes(request.build());
    operator.shutdown();
  }

  static FakeReleaseServer start() {
    return new FakeReleaseServer(freePort());
  }

  /** A port nothing listens on (at the time of asking). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** A client on the same server, for the test's own moves (e.g. approving during a watch). */
  ReleaseClient releaseClient() {
    return new ReleaseClient(workers.getWorkflowClient(), QUEUE);
  }

  @Override
  public void close() {
    workers.shutdownNow();
    stubs.shutdownNow();
    server.close();
  }

  /** Keeps a server up until killed and prints its address. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : freePort();
    try (FakeReleaseServer server = new FakeReleaseServer(port)) {
      System.out.println("fake release server on " + server.address());
      System.out.flush();
      new CountDownLatch(1).await();
    }
  }
}
