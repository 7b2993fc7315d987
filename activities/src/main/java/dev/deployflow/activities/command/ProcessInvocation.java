package dev.deployflow.activities.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process to start: its argument list (never a shell string), working directory, its whole
 * environment (nothing of the worker's own is added to it), how long it may run, and whether its standard
 * error is kept apart from its standard output (for commands whose output is a value, such as a
 * version probe) or interleaved with it (for commands whose output is read by people).
 */
public record ProcessInvocation(
    List<String> argv,
    Path workDir,
    Map<String, String> environment,
    Duration timeout,
    boolean separateStderr) {

  public ProcessInvocation {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least a program to run");
    }
    Objects.requireNonNull(workDir, "workDir");
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    Objects.requireNonNull(timeout, "timeout");
  }
}
