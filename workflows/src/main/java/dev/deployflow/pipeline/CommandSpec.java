package dev.deployflow.pipeline;

import java.util.List;

/**
 * A process to run: the argument list (never a shell string), an optional timeout such as
 * {@code 20m}, an optional working directory relative to the worker's working directory, and
 * {@code env}: the names of the worker's environment variables this command may see. Nothing
 * else of the worker's environment reaches the command (see CONTRACT.md, "Who may do what").
 */
public record CommandSpec(List<String> command, String timeout, String workingDir, List<String> env) {

  /** A command that sees none of the worker's own variables. */
  public CommandSpec(List<String> command, String timeout, String workingDir) {
    this(command, timeout, workingDir, null);
  }

  /**
   * Whether a variable belongs to the worker itself and is never given to a command, even when a
   * pipeline names it: {@code DEPLOYFLOW_*} (the worker's configuration and the step variables it
   * sets itself) and {@code TEMPORAL_*} (its connection and API key).
   */
  public static boolean reservedForWorker(String name) {
    return name.startsWith("DEPLOYFLOW_") || name.startsWith("TEMPORAL_");
  }

  /** The names of the worker variables the command may see; empty when the pipeline names none. */
  public List<String> envNames() {
    return env == null ? List.of() : env;
  }
}
