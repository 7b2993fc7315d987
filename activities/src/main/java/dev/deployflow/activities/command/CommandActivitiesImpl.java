package dev.deployflow.activities.command;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.CommandActivities;

/**
 * Runs pipeline commands (builds, migrations and their undo, the configuration rollback) as
 * child processes of the worker, never through a shell.
 *
 * <p>Retryable: a non-zero exit ({@code CommandFailed}, with the masked output tail in the
 * message) and a timeout ({@code CommandTimedOut}, after the whole process tree was killed); the
 * workflow's RetryOptions decide how often. Not retryable: {@code CommandNotRunnable}, for a
 * program that cannot be started, a missing working directory, a bad timeout or a placeholder
 * without a value. While the command runs, the masked output tail is sent as heartbeat details;
 * a cancellation delivered through the heartbeat kills the process tree.
 */
public final class CommandActivitiesImpl implements CommandActivities {
  private final CommandRunner runner;

  /** Commands run in {@code settings.workDir()} and keep {@code settings.outputTailBytes()} of output. */
  public CommandActivitiesImpl(ActivitySettings settings) {
    this(new CommandRunner(settings));
  }

  /** An implementation on a given runner (tests shorten its heartbeat interval). */
  public CommandActivitiesImpl(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public CommandResult runCommand(CommandRequest request) {
    return runner.run(request, Heartbeat.ofCurrentActivity());
  }
}
