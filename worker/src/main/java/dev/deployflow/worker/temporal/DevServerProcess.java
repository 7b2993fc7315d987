package dev.deployflow.worker.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Temporal server of the Temporal CLI, {@code temporal server start-dev}, run as a child
 * process on loopback with a SQLite file: releases survive restarts of the worker and of the
 * server itself, and the Temporal UI shows them.
 *
 * <p>A PID file beside the database remembers the server this class started. A worker killed
 * with SIGKILL cannot stop its child; the next start finds that orphan through the PID file and
 * stops it first, so that the port and the database are free again.
 */
public final class DevServerProcess implements EmbeddedTemporal {
  private static final Logger log = LoggerFactory.getLogger(DevServerProcess.class);

  /** The only address the dev server listens on. */
  public static final String HOST = "127.0.0.1";

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private final Options options;
  private final Process process;
  private final Path pidFile;

  /**
   * How to start the dev server.
   *
   * @param binary the {@code temporal} executable
   * @param port the frontend (gRPC) port on 127.0.0.1
   * @param uiPort the Temporal UI's port on 127.0.0.1, or {@code -1} for no UI
   * @param dbFile the SQLite file; its directory is created when missing
   * @param namespace the namespace created at launch besides {@code default}
   * @param logFile where the server's output goes (appended)
   * @param startTimeout how long to wait until the frontend answers
   */
  public record Options(
      Path binary,
      int port,
      int uiPort,
      Path dbFile,
      String namespace,
      Path logFile,
      Duration startTimeout) {
    public Options {
      Objects.requireNonNull(binary, "binary");
      Objects.requireNonNull(dbFile, "dbFile");
      Objects.requireNonNull(logFile, "logFile");
      namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
      startTimeout = startTimeout == null ? Duration.ofSeconds(60) : startTimeout;
    }
  }

  private DevServerProcess(Options options, Process process, Path pidFile) {
    this.options = options;
    this.process = process;
    this.pidFile = pidFile;
  }

  /**
   * Starts the dev server and returns once its frontend answers for the namespace.
   *
   * @throws IllegalStateException when it exits early or does not answer in time; the message
   *     holds the end of its log
   */
  public static DevServerProcess start(Options options) {
    Path db = options.dbFile().toAbsolutePath();
    Path logFile = options.logFile().toAbsolutePath();
    Path pidFile = db.resolveSibling(db.getFileName() + ".pid");
    try {
      Files.createDirectories(db.getParent());
      Files.createDirectories(logFile.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + db, e);
    }
    stopOrphan(pidFile, db);
    List<String> command = new ArrayList<>();
    // Its own session, so that Ctrl-C in the worker's terminal reaches the worker only: the
    // worker finishes its graceful shutdown against a running server, then stops the server.
    // setsid execs the binary in place (a child of the JVM is no group leader): same PID.
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(options.binary().toAbsolutePath().toString());
    command.addAll(List.of("server", "start-dev", "--ip", HOST, "--port", "" + options.port()));
    if (options.uiPort() < 0) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-port", "" + options.uiPort(), "--ui-disable-news-fetch"));
    }
    command.addAll(List.of("--db-filename", db.toString(), "--namespace", options.namespace()));
    command.addAll(List.of("--log-level", "warn", "--color", "never"));
    long started = System.nanoTime();
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + options.binary() + " server start-dev: " + e.getMessage(), e);
    }
    DevServerProcess server = new DevServerProcess(options, process, pidFile);
    try {
      Files.writeString(pidFile, process.pid() + "\n" + db + "\n", StandardCharsets.UTF_8);
      log.info(
          "Temporal dev server (pid {}) starting on {} with database {}; its output goes to {}",
          process.pid(),
          server.target(),
          db,
          logFile);
      server.awaitFrontend();
    } catch (IOException | RuntimeException e) {
      server.close();
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new IllegalStateException("cannot start the Temporal dev server: " + e, e);
    }
    log.info(
        "Temporal dev server (pid {}) answers on {} after {} ms{}",
        process.pid(),
        server.target(),
        (System.nanoTime() - started) / 1_000_000,
        server.uiUrl().map(u -> "; Temporal UI at " + u).orElse(""));
    return server;
  }

  private void awaitFrontend() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the Temporal dev server exited with code " + process.exitValue()
                  + " before it answered on " + target() + ": " + logTail());
        }
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace(options.namespace()).build());
          return;
        } catch (StatusRuntimeException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the Temporal dev server did not answer on " + target() + " within "
                    + options.startTimeout().toSeconds() + "s (" + notYet.getStatus() + "): "
                    + logTail());
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the Temporal dev server started", e);
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  /**
   * Stops the server a killed predecessor left running on the same database, found through its
   * PID file; only a process whose command line names that database is touched.
   */
  private static void stopOrphan(Path pidFile, Path db) {
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      Optional<ProcessHandle> orphan =
          ProcessHandle.of(pid)
              .filter(ProcessHandle::isAlive)
              .filter(
                  p ->
                      p.info().commandLine().map(c -> c.contains(db.toString())).orElse(false)
                          || p.info().arguments().map(a -> List.of(a).contains(db.toString()))
                              .orElse(false));
      if (orphan.isPresent()) {
        log.warn("Stopping the Temporal dev server (pid {}) a previous run left on {}", pid, db);
        stop(orphan.get());
      }
      Files.deleteIfExists(pidFile);
    } catch (IOException | RuntimeException e) {
      log.warn("Cannot read the dev server PID file {}: {}", pidFile, e.toString());
    }
  }

  private static void stop(ProcessHandle handle) {
    handle.destroy();
    try {
      handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception timedOut) {
      log.warn("The Temporal dev server (pid {}) did not stop in time; killing it", handle.pid());
      handle.destroyForcibly();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(options.logFile().toAbsolutePath());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log " + options.logFile() + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** The frontend's {@code host:port}. */
  @Override
  public String target() {
    return HOST + ":" + options.port();
  }

  /** The frontend's port. */
  @Override
  public int port() {
    return options.port();
  }

  /** The Temporal UI's base URL, unless started without UI. */
  @Override
  public Optional<String> uiUrl() {
    return options.uiPort() < 0
        ? Optional.empty()
        : Optional.of("http://" + HOST + ":" + options.uiPort());
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public String description() {
    return "embedded Temporal dev server (pid " + pid() + ", database " + dbFile() + ")";
  }

  /** The SQLite file. */
  public Path dbFile() {
    return options.dbFile().toAbsolutePath();
  }

  /** Where the server's output goes. */
  public Path logFile() {
    return options.logFile().toAbsolutePath();
  }

  /** The server's process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the server by its PID: SIGTERM, a grace period, then SIGKILL. Idempotent. */
  @Override
  public void close() {
    if (process.isAlive()) {
      log.info("Stopping the Temporal dev server (pid {}) on {}", process.pid(), target());
      stop(process.toHandle());
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.warn("Cannot delete {}: {}", pidFile, e.toString());
    }
  }
}
