package dev.deployflow.pipeline;

import java.util.List;

/**
 * How a component is deployed: either a command or an HTTP hook, and how to read the version that
 * runs now (the rollback target).
 */
public record DeploySpec(
    List<String> command,
    String timeout,
    String workingDir,
    HttpCall http,
    VersionProbe currentVersion) {

  /** The command form, or null when this deploy is an HTTP hook. */
  public CommandSpec asCommand() {
    return command == null || command.isEmpty() ? null : new CommandSpec(command, timeout, workingDir);
  }
}
