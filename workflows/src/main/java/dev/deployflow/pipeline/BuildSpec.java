package dev.deployflow.pipeline;

import java.util.List;

/** How a component is built and which artifacts the build must leave behind. */
public record BuildSpec(
    List<String> command, String timeout, String workingDir, List<ArtifactSpec> artifacts) {

  /** The build as a plain command. */
  public CommandSpec asCommand() {
    return new CommandSpec(command, timeout, workingDir);
  }
}
