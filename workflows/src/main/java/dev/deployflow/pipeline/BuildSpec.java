package dev.deployflow.pipeline;

import java.util.List;

/**
 * How a component is built, which artifacts the build must leave behind, and which worker
 * variables ({@code env}) the build may see.
 */
public record BuildSpec(
    List<String> command, String timeout, String workingDir, List<ArtifactSpec> artifacts, List<String> env) {

  /** A build that sees none of the worker's own variables. */
  public BuildSpec(List<String> command, String timeout, String workingDir, List<ArtifactSpec> artifacts) {
    this(command, timeout, workingDir, artifacts, null);
  }

  /** The build as a plain command. */
  public CommandSpec asCommand() {
    return new CommandSpec(command, timeout, workingDir, env);
  }
}
