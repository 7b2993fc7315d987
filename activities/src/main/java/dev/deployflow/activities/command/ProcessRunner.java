package dev.deployflow.activities.command;

import dev.deployflow.activities.secrets.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process and watches it: captures a bounded tail of its output, heartbeats that tail
 * (masked) while it runs, and kills the whole process tree when the timeout passes or when the
 * heartbeat says stop (an activity cancellation). Usable inside and outside an activity: the
 * caller supplies the {@link Heartbeat}.
 */
public final class ProcessRunner {
  private static final Duration OUTPUT_DRAIN_WAIT = Duration.ofSeconds(1);

  private final int tailBytes;
  private final Duration heartbeatInterval;
  private final Duration killGrace;

  /**
   * @param tailBytes how much output is kept
   * @param heartbeatInterval how often a running process is reported
   * @param killGrace how long a process may take to stop after SIGTERM before it gets SIGKILL
   */
  public ProcessRunner(int tailBytes, Duration heartbeatInterval, Duration killGrace) {
    this.tailBytes = tailBytes;
    this.heartbeatInterval = heartbeatInterval;
    this.killGrace = killGrace;
  }

  /** A runner with a one-second heartbeat and a five-second grace period for stopping. */
  public ProcessRunner(int tailBytes) {
    this(tailBytes, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /**
   * Runs the process to its end, its timeout, or a heartbeat that throws.
   *
   * @throws IOException when the process cannot be started (no such program, not executable)
   * @throws InterruptedException when this thread is interrupted; the process tree is killed first
   * @throws RuntimeException whatever the heartbeat throws (a cancellation); the tree is killed first
   */
  public ProcessOutcome run(ProcessInvocation invocation, SecretMasker masker, Heartbeat heartbeat)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(invocation.argv())
            .directory(invocation.workDir().toFile())
            .redirectErrorStream(!invocation.separateStderr());
    // The child gets exactly the invocation's environment, never the worker's own (its secrets).
    builder.environment().clear();
    builder.environment().putAll(invocation.environment());

    long started = System.nanoTime();
    Process process = builder.start();
    // Nothing is ever written to a command's input: closing it gives EOF to a command that reads
    // it, instead of letting it hang until the timeout.
    process.getOutputStream().close();

    OutputTail output = new OutputTail(tailBytes);
    OutputTail errors = new OutputTail(invocation.separateStderr() ? tailBytes : 1);
    Thread outputPump = pump(process.getInputStream(), output, masker, process.pid(), "out");
    Thread errorPump =
        invocation.separateStderr() ? pump(process.getErrorStream(), errors, masker, process.pid(), "err") : null;

    boolean exited = false;
    boolean timedOut = false;
    long deadline = started + invocation.timeout().toNanos();
    try {
      while (!exited) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          timedOut = true;
          break;
        }
        exited = process.waitFor(Math.min(left, heartbeatInterval.toNanos()), TimeUnit.NANOSECONDS);
        if (!exited) {
          heartbeat.beat(masker.maskTail(output.text(), output.truncated()));
        }
      }
    } finally {
      if (!exited) {
        // Timeout, cancellation or interruption: nothing of this command may outlive the call.
        ProcessTree.kill(process.toHandle(), killGrace);
      }
    }
    awaitDrained(outputPump);
    awaitDrained(errorPump);
    long duration = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return new ProcessOutcome(
        timedOut ? -1 : process.exitValue(),
        timedOut,
        masker.maskTail(output.text(), output.truncated()),
        invocation.separateStderr() ? masker.maskTail(errors.text(), errors.truncated()) : "",
        output.totalBytes(),
        output.truncated(),
        duration);
  }

  /*
   * Output is masked as it streams, before the tail drops its start: a secret cut by the tail's
   * boundary would otherwise leave its second half in the tail, unrecognisable.
   */
  private static Thread pump(InputStream in, OutputTail tail, SecretMasker masker, long pid, String name) {
    Thread thread =
        new Thread(
            () -> {
              char[] buffer = new char[8192];
              SecretMasker.Stream masking = masker.stream();
              try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                int read;
                while ((read = reader.read(buffer)) >= 0) {
                  write(tail, masking.push(new String(buffer, 0, read)));
                }
              } catch (IOException streamClosed) {
                // The process is gone and its pipe closed; what was read is all there is.
              } finally {
                write(tail, masking.finish());
              }
            },
            "deployflow-process-" + pid + "-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void write(OutputTail tail, String masked) {
    byte[] bytes = masked.getBytes(StandardCharsets.UTF_8);
    tail.write(bytes, 0, bytes.length);
  }

  /*
   * The process has exited, but a background child it left behind may still hold the pipe open;
   * wait only briefly for the rest of the output rather than for that child.
   */
  private static void awaitDrained(Thread pump) throws InterruptedException {
    if (pump != null) {
      pump.join(OUTPUT_DRAIN_WAIT.toMillis());
    }
  }
}
