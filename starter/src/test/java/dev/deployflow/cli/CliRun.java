package dev.deployflow.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One in-process run of the command line: exit code, standard output and standard error. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return run(false, CommandHints.plain(), args);
  }

  /** As if started by the launcher, which says how it was typed, e.g. {@code ./deployflow}. */
  static CliRun with(CommandHints hints, String... args) {
    return run(false, hints, args);
  }

  /** As if on an interactive terminal: the live view redraws the screen. */
  static CliRun onTerminal(String... args) {
    return run(true, CommandHints.plain(), args);
  }

  /** On a terminal, as if started by the launcher. */
  static CliRun onTerminal(CommandHints hints, String... args) {
    return run(true, hints, args);
  }

  private static CliRun run(boolean terminal, CommandHints hints, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = DeployflowCli.run(args, o, e, terminal, hints);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Starts a run on another thread, so that a test can act while a watch is going on. */
  static Live start(String... args) {
    return new Live(CommandHints.plain(), args);
  }

  /** As {@link #start(String...)}, as if started by the launcher. */
  static Live start(CommandHints hints, String... args) {
    return new Live(hints, args);
  }

  /** A run in progress; its output can be read while it goes on. */
  static final class Live {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exitCode;

    private Live(CommandHints hints, String[] args) {
      PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
      exitCode = CompletableFuture.supplyAsync(() -> DeployflowCli.run(args, o, e, false, hints));
    }

    /** The output so far ({@link ByteArrayOutputStream} is synchronized). */
    String outSoFar() {
      return out.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the output contains the text, or fails after the timeout. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!outSoFar().contains(text)) {
        if (System.nanoTime() > deadline || exitCode.isDone()) {
          throw new AssertionError("no '" + text + "' in output:\n" + outSoFar()
              + "\nerr:\n" + err.toString(StandardCharsets.UTF_8));
        }
        Thread.sleep(20);
      }
    }

    CliRun await(Duration timeout) throws Exception {
      int code = exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new CliRun(code, outSoFar(), err.toString(StandardCharsets.UTF_8));
    }
  }

  List<String> outLines() {
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
  }
}
