package dev.deployflow.pipeline;

import java.util.List;

/**
 * How a component is deployed: either a command (seeing the worker variables named in
 * {@code env}) or an HTTP hook, and how to read the version that runs now (the rollback target).
 */
public record DeploySpec(
    List<String> command,
    String timeout,
    String workingDir,
    HttpCall http,
    VersionProbe currentVersion,
    List<String> env) {

  /** A deploy whose command sees none of the worker's own variables. */
  public DeploySpec(List<String> command, String timeout, String workingDir, HttpCall http, VersionProbe currentVersion) {
    this(command, timeout, workingDir, http, currentVersion, null);
  }

  /** The command form, or null when this deploy is an HTTP hook. */
  public CommandSpec asCommand() {
    return command == null || command.isEmpty() ? null : new CommandSpec(command, timeout, workingDir, env);
  }
}
