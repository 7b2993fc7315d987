package dev.deployflow.cli.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection to the Temporal frontend for one command. It fails fast and clearly when nothing
 * answers at the address, because a person is waiting at the prompt.
 */
public final class TemporalConnection implements AutoCloseable {
  /** How long the first health check may take before the address counts as unreachable. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  private TemporalConnection(WorkflowServiceStubs stubs, WorkflowClient client) {
    this.stubs = stubs;
    this.client = client;
  }

  /**
   * Connects and checks that a Temporal frontend answers.
   *
   * @throws TemporalUnreachableException when nothing answers at the address in time
   */
  public static TemporalConnection open(ConnectionSettings settings) {
    WorkflowServiceStubsOptions options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(settings.address())
            .setRpcTimeout(RPC_TIMEOUT)
            .setRpcQueryTimeout(QUERY_TIMEOUT)
            .build();
    // A refused TCP connection is known in a millisecond; the SDK's health check would retry
    // it for several seconds before giving up.
    probe(settings.address());
    WorkflowServiceStubs stubs = connect(settings.address(), options);
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
    return new TemporalConnection(stubs, client);
  }

  private static void probe(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1 || address.contains("/")) {
      return; // not HOST:PORT (e.g. a dns:/// target): leave it to gRPC
    }
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new TemporalUnreachableException(address, "not a HOST:PORT address", e);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException | IllegalArgumentException e) {
      String reason = e instanceof SocketTimeoutException
          ? "no answer within " + CONNECT_TIMEOUT.toSeconds() + "s"
          : e instanceof UnknownHostException ? "unknown host " + host : shorten(String.valueOf(e.getMessage()));
      throw new TemporalUnreachableException(address, reason, e);
    }
  }

  private static WorkflowServiceStubs connect(String address, WorkflowServiceStubsOptions options) {
    // Something listens; bound the health check too, in case it is not a Temporal frontend.
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "deployflow-connect");
      thread.setDaemon(true);
      return thread;
    });
    CompletableFuture<WorkflowServiceStubs> connecting = CompletableFuture.supplyAsync(
        () -> WorkflowServiceStubs.newConnectedServiceStubs(options, CONNECT_TIMEOUT), executor);
    executor.shutdown();
    try {
      return connecting.get(CONNECT_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason = isDeadline(cause)
          ? "no Temporal answer within " + CONNECT_TIMEOUT.toSeconds() + "s"
          : describe(cause);
      throw new TemporalUnreachableException(address, reason, cause);
    } catch (TimeoutException e) {
      // Whatever the late health check brings is closed, not leaked into an embedding process.
      connecting.thenAccept(WorkflowServiceStubs::shutdownNow);
      throw new TemporalUnreachableException(
          address, "no Temporal answer within " + CONNECT_TIMEOUT.toSeconds() + "s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TemporalUnreachableException(address, "interrupted", e);
    }
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    stubs.awaitTermination(1, TimeUnit.SECONDS);
  }

  /** A short reason from a connection failure, e.g. {@code connection refused}. */
  public static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    StatusRuntimeException grpc = grpcFailure(e);
    if (grpc == null) {
      return shorten(String.valueOf(root.getMessage()));
    }
    Status status = grpc.getStatus();
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "no answer in time";
    }
    // Below the gRPC status, the root cause (e.g. "Connection refused") says more than its code.
    if (root != grpc && root.getMessage() != null) {
      return shorten(root.getMessage());
    }
    String description = status.getDescription();
    return description == null ? status.getCode().name().toLowerCase(Locale.ROOT) : shorten(description);
  }

  private static boolean isDeadline(Throwable e) {
    StatusRuntimeException grpc = grpcFailure(e);
    return grpc != null && grpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED;
  }

  /** The first gRPC failure in the cause chain, or null when there is none. */
  private static StatusRuntimeException grpcFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        return grpc;
      }
    }
    return null;
  }

  private static String shorten(String message) {
    String oneLine = message.replaceAll("\\s+", " ").trim();
    String lower = oneLine.toLowerCase(Locale.ROOT);
    if (lower.contains("connection refused")) {
      return "connection refused";
    }
    return oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine;
  }
}
