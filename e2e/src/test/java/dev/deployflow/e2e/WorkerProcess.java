package dev.deployflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real worker, {@code worker/target/deployflow-worker-*-exec.jar}, as a separate JVM: the
 * same jar {@code ./deployflow worker} runs, so that a test can kill it with SIGKILL and start
 * it again. Its log goes to {@code e2e/target/workers/<name>-<n>.log} (one file per start).
 *
 * <pre>{@code
 * try (WorkerProcess worker = WorkerProcess.builder(devServer.address(), "crash")
 *     .env("DEMO_TARGET_URL", target.url()).start()) {
 *   ...
 *   worker.kill();     // SIGKILL
 *   worker.restart();  // same settings, waits until ready
 * }
 * }</pre>
 */
public final class WorkerProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Builder settings;
  private final int httpPort;
  private Process process;
  private Path logFile;
  private int starts;
  private long lastReadyMillis;

  private WorkerProcess(Builder settings) {
    this.settings = settings;
    this.httpPort = settings.httpPort > 0 ? settings.httpPort : Ports.free();
  }

  /**
   * A worker connected to {@code temporalAddress} (null: its embedded Temporal); {@code name}
   * names its log and work files.
   * By default it reads the e2e pipelines and writes under {@code e2e/target/workers/<name>/}.
   */
  public static Builder builder(String temporalAddress, String name) {
    return new Builder(temporalAddress, name);
  }

  /** How the worker process is started. */
  public static final class Builder {
    private final String name;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private Path pipelinesDir = E2ePaths.pipelinesDir();
    private Path workDir;
    private int httpPort;

    private Builder(String temporalAddress, String name) {
      this.name = name;
      // Without an address the worker runs its embedded Temporal, whatever this JVM's
      // environment says.
      env.put("TEMPORAL_ADDRESS", temporalAddress);
      this.workDir = E2ePaths.targetDir("workers/" + name);
    }

    /** The pipeline directory ({@code DEPLOYFLOW_PIPELINES_DIR}). */
    public Builder pipelinesDir(Path dir) {
      this.pipelinesDir = dir;
      return this;
    }

    /** The working directory of the process and of pipeline commands; {@code var/} goes here. */
    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** An environment variable of the worker, e.g. {@code DEMO_TARGET_URL}. */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** A Spring argument such as {@code --deployflow.embedded.kind=dev-server}. */
    public Builder arg(String arg) {
      args.add(arg);
      return this;
    }

    /** A fixed HTTP port; by default a free one, kept across restarts. */
    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    /** Starts the worker and waits until it is ready. */
    public WorkerProcess start() {
      WorkerProcess worker = new WorkerProcess(this);
      worker.launch();
      return worker;
    }
  }

  private void launch() {
    starts++;
    try {
      Files.createDirectories(settings.workDir);
      Path logs = E2ePaths.targetDir("workers");
      logFile = logs.resolve(settings.name + "-" + starts + ".log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // Start-up speed matters more than peak speed for seconds-long test releases on 2 cores.
      command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"));
      command.addAll(List.of("-jar", E2ePaths.workerJar().toString()));
      command.add("--server.port=" + httpPort);
      command.add("--server.address=127.0.0.1");
      command.add("--deployflow.work-dir=" + settings.workDir);
      command.addAll(settings.args);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(settings.workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile());
      builder.environment().put("DEPLOYFLOW_PIPELINES_DIR", settings.pipelinesDir.toString());
      settings.env.forEach(
          (key, value) -> {
            if (value == null) {
              builder.environment().remove(key);
            } else {
              builder.environment().put(key, value);
            }
          });
      long startedAt = System.nanoTime();
      process = builder.start();
      Process started = process;
      // A test JVM that is stopped must not leave worker JVMs behind.
      Runtime.getRuntime()
          .addShutdownHook(new Thread(started::destroyForcibly, "e2e-worker-stop"));
      awaitReady();
      lastReadyMillis = (System.nanoTime() - startedAt) / 1_000_000;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the worker: " + e.getMessage(), e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
            .timeout(Duration.ofSeconds(3))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the worker exited with code " + process.exitValue() + " before it was ready:\n"
                + logTail());
      }
      try {
        HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 || logContains("deployflow worker ready")) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the worker started", e);
      }
      sleep(250);
    }
    kill();
    throw new IllegalStateException(
        "the worker was not ready within " + READY_TIMEOUT.toSeconds() + "s:\n" + logTail());
  }

  /** SIGKILL: no shutdown hook, no graceful stop, as a crashed machine would. Waits for it. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitFor();
    }
  }

  /** SIGTERM: Spring's graceful shutdown, as {@code kill <pid>} or Ctrl-C would. Waits. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Kills the process if it still runs, then starts it again with the same settings. */
  public WorkerProcess restart() {
    kill();
    launch();
    return this;
  }

  /** Starts it again after {@link #kill()} or {@link #stop()}, with the same settings. */
  public WorkerProcess startAgain() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the worker still runs (pid " + process.pid() + ")");
    }
    launch();
    return this;
  }

  private void waitFor() {
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The current process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process runs. */
  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The worker's HTTP port (REST API, chat, actuator); kept across restarts. */
  public int httpPort() {
    return httpPort;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The log of the current (or last) start. */
  public Path logFile() {
    return logFile;
  }

  /** The working directory ({@code var/} is under it). */
  public Path workDir() {
    return settings.workDir;
  }

  /** Milliseconds from launch to ready, of the last start. */
  public long lastReadyMillis() {
    return lastReadyMillis;
  }

  /** Whether the current log holds {@code text}. */
  public boolean logContains(String text) {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** The last 40 lines of the current log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log at " + logFile + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the worker gracefully (SIGTERM), falling back to SIGKILL. */
  @Override
  public void close() {
    stop();
  }
}
