package dev.deployflow.worker.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal Java test server run in this process and bound to 127.0.0.1 only, with real time
 * (time skipping locked), so that the Temporal CLI and UI-less tools on this machine can reach
 * it. Everything it holds lives in memory and is lost when the process stops.
 *
 * <p>{@code TestServer.createPortBoundServer} would bind every interface, so this class builds
 * the same server itself from the test server's public service starter, on a loopback address.
 */
public final class EmbeddedTemporalServer implements EmbeddedTemporal {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  /** The only address the embedded server listens on. */
  public static final String HOST = "127.0.0.1";

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /**
   * Starts the server on {@code 127.0.0.1:port}; port {@code 0} picks a free one.
   *
   * @throws IllegalStateException when the port cannot be bound, naming the property to change
   */
  public static EmbeddedTemporalServer start(int port) {
    // lockTimeSkipping = true: timers fire on the wall clock, as on a real server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      ServerBuilder<?> builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(InetAddress.getByName(HOST), port),
              InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      Server server = builder.build().start();
      return new EmbeddedTemporalServer(services, server);
    } catch (IOException | RuntimeException e) {
      services.close();
      throw new IllegalStateException(
          "cannot start the embedded Temporal on " + HOST + ":" + port + " ("
              + rootMessage(e) + "). Free the port, choose another with deployflow.embedded.port,"
              + " or set TEMPORAL_ADDRESS to use a running Temporal.",
          e);
    }
  }

  /** The port it listens on. */
  @Override
  public int port() {
    return server.getPort();
  }

  /** The {@code host:port} clients connect to. */
  @Override
  public String target() {
    return HOST + ":" + port();
  }

  @Override
  public java.util.Optional<String> uiUrl() {
    return java.util.Optional.empty();
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public String description() {
    return "embedded in-memory (not durable)";
  }

  @Override
  public void close() {
    log.info("Stopping the embedded Temporal on {}; its in-memory state is discarded", target());
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("The embedded Temporal did not stop within 5s; forcing it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      services.close();
      server.shutdownNow();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
