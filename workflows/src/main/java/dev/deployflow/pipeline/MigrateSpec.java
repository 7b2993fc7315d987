package dev.deployflow.pipeline;

import java.util.List;

/**
 * A database migration and the command that undoes it on rollback; both see the worker variables
 * named in {@code env} (such as {@code DATABASE_URL}) and no others.
 */
public record MigrateSpec(
    List<String> command, List<String> undo, String timeout, String workingDir, List<String> env) {

  /** A migration that sees none of the worker's own variables. */
  public MigrateSpec(List<String> command, List<String> undo, String timeout, String workingDir) {
    this(command, undo, timeout, workingDir, null);
  }

  /** The forward migration as a plain command. */
  public CommandSpec up() {
    return new CommandSpec(command, timeout, workingDir, env);
  }

  /** The undo as a plain command, or null when the pipeline gives none. */
  public CommandSpec down() {
    return undo == null || undo.isEmpty() ? null : new CommandSpec(undo, timeout, workingDir, env);
  }
}
