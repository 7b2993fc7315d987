package dev.deployflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.ReleaseRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowServiceException;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The way to Temporal failing: {@link ReleaseClient} reports it with its own exceptions, so that
 * no adapter reads gRPC status codes.
 */
class ReleaseClientTransportTest {
  private WorkflowServiceStubs stubs;
  private String address;

  @BeforeEach
  void nothingListens() throws IOException {
    // A port that was free a moment ago and that nobody listens on now.
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      address = "127.0.0.1:" + socket.getLocalPort();
    }
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(address)
        .setRpcTimeout(Duration.ofSeconds(2))
        .setRpcRetryOptions(RpcRetryOptions.newBuilder().setMaximumAttempts(1).validateBuildWithDefaults())
        .build());
  }

  @AfterEach
  void close() {
    stubs.shutdownNow();
  }

  @Test
  void everyCallToAnAddressWhereNothingListensIsTemporalUnavailable() {
    ReleaseClient releases = new ReleaseClient(WorkflowClient.newInstance(stubs), "deploy");

    assertThatThrownBy(() -> releases.status("shop"))
        .isInstanceOf(TemporalUnavailableException.class)
        .hasMessageStartingWith("cannot reach Temporal at " + address + " (")
        .satisfies(e -> assertThat(((TemporalUnavailableException) e).address()).isEqualTo(address));
    assertThatThrownBy(() -> releases.approve("shop", new ApproveMessage("bob", null, null)))
        .isInstanceOf(TemporalUnavailableException.class);
    assertThatThrownBy(() -> releases.start(new ReleaseRequest("shop", "1.2.0", null, null, null, "alice", List.of("a change"), null)))
        .isInstanceOf(TemporalUnavailableException.class);
    assertThatThrownBy(() -> releases.isRunning("shop")).isInstanceOf(TemporalUnavailableException.class);
  }

  @Test
  void grpcStatusesBecomeTheClientsExceptionsBareOrInsideAServiceException() {
    assertThat(Transport.translate(address, wrapped(Status.UNAVAILABLE.withCause(new ConnectException("Connection refused")))))
        .isInstanceOf(TemporalUnavailableException.class)
        .hasMessage("cannot reach Temporal at " + address + " (connection refused)");
    assertThat(Transport.translate(address, new StatusRuntimeException(Status.DEADLINE_EXCEEDED)))
        .isInstanceOf(TemporalUnavailableException.class)
        .hasMessage("cannot reach Temporal at " + address + " (no answer in time)");
    assertThat(Transport.translate(address, wrapped(Status.UNAUTHENTICATED.withDescription("missing API key"))))
        .isInstanceOf(TemporalAccessDeniedException.class)
        .hasMessageStartingWith("Temporal at " + address + " refused access (missing API key)");
    assertThat(Transport.translate(address, new StatusRuntimeException(Status.PERMISSION_DENIED)))
        .isInstanceOf(TemporalAccessDeniedException.class)
        .hasMessageStartingWith("Temporal at " + address + " refused access (permission denied)");
    assertThat(Transport.translate(address, wrapped(Status.RESOURCE_EXHAUSTED.withDescription("namespace rate limit"))))
        .isInstanceOf(TemporalRequestFailedException.class)
        .hasMessage("Temporal refused the request: namespace rate limit");
    assertThat(Transport.translate(address, new IllegalStateException("no status here"))).isNull();
  }

  private static WorkflowServiceException wrapped(Status status) {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId("deploy-shop").build(), "DeploymentWorkflow",
        new StatusRuntimeException(status));
  }
}
