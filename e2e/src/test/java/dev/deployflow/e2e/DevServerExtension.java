package dev.deployflow.e2e;

import dev.deployflow.worker.temporal.DevServerProcess;
import dev.deployflow.worker.temporal.TemporalCliLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ONE {@code temporal server start-dev} per test run, shared by every test class that
 * uses {@link RealTemporal}: it lives in the root store, which closes it (by PID) when the run
 * ends. It runs on free loopback ports with its own SQLite file under
 * {@code e2e/target/devserver/}, and registers nothing: the worker registers its search
 * attributes. Inject {@link DevServer} into a test, a constructor, or a lifecycle method.
 *
 * <p>The binary is the one {@code scripts/ensure-temporal.sh} installs (or
 * {@code DEPLOYFLOW_TEMPORAL_CLI}, or {@code temporal} on the PATH). Without it the suite fails
 * and says how to install it: the README's test command includes this suite.
 */
public final class DevServerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DevServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DevServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }

  /** The run's dev server, started on first use. */
  public static DevServer shared(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(DevServer.class, key -> start(), DevServer.class);
  }

  private static DevServer start() {
    Path binary =
        TemporalCliLocator.find(null, E2ePaths.repoRoot(), System.getenv())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the Temporal CLI is not installed: run scripts/ensure-temporal.sh"
                            + " (the e2e suite runs temporal server start-dev)"));
    Path dir = E2ePaths.targetDir("devserver");
    Path db = dir.resolve("suite-" + ProcessHandle.current().pid() + ".db");
    try {
      Files.deleteIfExists(db);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long started = System.nanoTime();
    int[] ports = Ports.free(2);
    DevServerProcess process =
        DevServerProcess.start(
            new DevServerProcess.Options(
                binary,
                ports[0],
                ports[1],
                db,
                "default",
                dir.resolve("devserver.log"),
                Duration.ofSeconds(90)));
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "e2e: Temporal dev server %s (UI %s) answered after %d ms; log %s%n",
        process.target(), process.uiUrl().orElse("-"), millis, process.logFile());
    DevServer server = new DevServer(process, binary, millis);
    // The root store closes it when the run ends; this hook covers a test JVM that is stopped
    // (e.g. a surefire timeout), so that no dev server outlives the run. close() is idempotent.
    Runtime.getRuntime().addShutdownHook(new Thread(process::close, "e2e-devserver-stop"));
    return server;
  }
}
