package dev.deployflow.activity;

import dev.deployflow.pipeline.CommandSpec;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** Runs processes: builds, deploy commands, migrations and their undo, the configuration rollback. */
@ActivityInterface
public interface CommandActivities {

  /**
   * Runs the command's argument list (never through a shell) with its placeholders substituted,
   * {@code ${env:…}} read from the worker's environment, {@code DEPLOYFLOW_IDEMPOTENCY_KEY} set,
   * and the output's tail captured with secrets masked and sent as heartbeat details.
   *
   * <p>A non-zero exit fails with type {@code CommandFailed} and the output tail (retryable: the
   * caller's RetryOptions decide how often); a timeout kills the whole process tree and fails
   * with type {@code CommandTimedOut} (retryable); a program that cannot be started or a
   * placeholder without a value fails with type {@code CommandNotRunnable} (not retryable).
   */
  @ActivityMethod
  CommandResult runCommand(CommandRequest request);

  /**
   * One command to run. {@code summary} is the human description used in logs and heartbeats;
   * {@code vars} are the release variables for substitution.
   */
  record CommandRequest(
      String summary, CommandSpec spec, Map<String, String> vars, String idempotencyKey) {}

  /** How the command ended: exit code, the masked tail of its output, and how long it took. */
  record CommandResult(int exitCode, String outputTail, long durationMillis) {}
}
