package dev.deployflow.pipeline;

import java.util.List;

/** A database migration and the command that undoes it on rollback. */
public record MigrateSpec(List<String> command, List<String> undo, String timeout, String workingDir) {

  /** The forward migration as a plain command. */
  public CommandSpec up() {
    return new CommandSpec(command, timeout, workingDir);
  }

  /** The undo as a plain command, or null when the pipeline gives none. */
  public CommandSpec down() {
    return undo == null || undo.isEmpty() ? null : new CommandSpec(undo, timeout, workingDir);
  }
}
