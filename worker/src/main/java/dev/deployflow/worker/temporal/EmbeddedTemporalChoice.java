package dev.deployflow.worker.temporal;

import dev.deployflow.worker.config.DeployflowProperties.Embedded;
import dev.deployflow.worker.config.DeployflowProperties.EmbeddedKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which embedded Temporal the worker runs when no Temporal address is configured, decided once
 * from {@code deployflow.embedded.kind} and whether the {@code temporal} CLI is found: the first
 * log line and the connection factory use the same decision.
 *
 * @param kind {@link EmbeddedKind#DEV_SERVER} or {@link EmbeddedKind#TEST_SERVER}, never auto
 * @param cli the Temporal CLI, for the dev server
 */
public record EmbeddedTemporalChoice(EmbeddedKind kind, Optional<Path> cli) {

  /**
   * Decides.
   *
   * @throws IllegalStateException when {@code dev-server} is asked for and no CLI is found
   */
  public static EmbeddedTemporalChoice resolve(EmbeddedKind requested, String temporalCli) {
    EmbeddedKind kind = requested == null ? EmbeddedKind.AUTO : requested;
    if (kind == EmbeddedKind.TEST_SERVER) {
      return new EmbeddedTemporalChoice(EmbeddedKind.TEST_SERVER, Optional.empty());
    }
    Optional<Path> cli = TemporalCliLocator.find(temporalCli);
    if (cli.isPresent()) {
      return new EmbeddedTemporalChoice(EmbeddedKind.DEV_SERVER, cli);
    }
    if (kind == EmbeddedKind.DEV_SERVER) {
      throw new IllegalStateException(
          "deployflow.embedded.kind=dev-server needs the Temporal CLI, which was not found:"
              + " run scripts/ensure-temporal.sh, put temporal on the PATH, or set"
              + " deployflow.embedded.temporal-cli");
    }
    return new EmbeddedTemporalChoice(EmbeddedKind.TEST_SERVER, Optional.empty());
  }

  /** Parses the raw property as Spring's relaxed binding would ({@code dev-server}, DEV_SERVER). */
  public static EmbeddedKind parseKind(String text) {
    if (text == null || text.isBlank()) {
      return EmbeddedKind.AUTO;
    }
    try {
      return EmbeddedKind.valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // Property binding reports the bad value with the property's name later.
      return EmbeddedKind.AUTO;
    }
  }

  /** Starts the chosen Temporal with the embedded settings, serving the {@code default} namespace. */
  public EmbeddedTemporal start(Embedded settings) {
    return start(settings, "default");
  }

  /**
   * Starts the chosen Temporal with the embedded settings. The dev server also creates
   * {@code namespace}, so that a worker configured for another namespace (TEMPORAL_NAMESPACE)
   * without a TEMPORAL_ADDRESS finds it; Temporal's test server answers for any namespace.
   */
  public EmbeddedTemporal start(Embedded settings, String namespace) {
    if (kind == EmbeddedKind.TEST_SERVER) {
      return EmbeddedTemporalServer.start(settings.port());
    }
    int port = settings.port() == 0 ? freePort(settings.uiPort()) : settings.port();
    int uiPort = settings.uiPort() == 0 ? freePort(port) : settings.uiPort();
    Path db = settings.dbFile().toAbsolutePath().normalize();
    try {
      return DevServerProcess.start(
          new DevServerProcess.Options(
              cli.orElseThrow(),
              port,
              uiPort,
              db,
              namespace,
              db.resolveSibling("dev-server.log"),
              settings.startTimeout()));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "cannot start the embedded Temporal dev server on " + DevServerProcess.HOST + ":" + port
              + " (" + e.getMessage() + "). Free the port or choose another with"
              + " deployflow.embedded.port / ui-port, set deployflow.embedded.kind=test-server,"
              + " or set TEMPORAL_ADDRESS to use a running Temporal.",
          e);
    }
  }

  /** A free loopback port other than {@code taken}: two picks in a row may return one number. */
  private static int freePort(int taken) {
    for (int attempt = 0; attempt < 10; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (socket.getLocalPort() != taken) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free loopback port", e);
      }
    }
    throw new IllegalStateException("cannot find a free loopback port other than " + taken);
  }
}
