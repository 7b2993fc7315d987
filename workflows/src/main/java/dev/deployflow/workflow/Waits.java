package dev.deployflow.workflow;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Durable waits with a human summary on their timer, so that the Temporal UI says what a release
 * is waiting for ({@code rollout pause 10m at 10%}). {@code Workflow.await(Duration, …)} would
 * create a timer without a summary, hence this helper.
 */
final class Waits {
  private Waits() {}

  /**
   * Waits until {@code until} holds or {@code duration} has passed, whichever comes first. The
   * timer is cancelled when the condition wins, so that it leaves no late event behind.
   *
   * @return true when the condition ended the wait, false when the time ran out
   * @throws io.temporal.failure.CanceledFailure when the enclosing scope is cancelled (a rollback)
   */
  static boolean until(Duration duration, String summary, Supplier<Boolean> until) {
    if (until.get()) {
      return true;
    }
    if (duration.isNegative() || duration.isZero()) {
      return false;
    }
    TimerHolder holder = new TimerHolder();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> holder.timer = Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build()));
    scope.run();
    Workflow.await(() -> holder.timer.isCompleted() || until.get());
    if (until.get()) {
      if (!holder.timer.isCompleted()) {
        scope.cancel("no longer needed");
        // The cancelled timer's promise fails with a CanceledFailure that nobody reads, which the
        // SDK logs as a failure never accessed; a handler reads it (it sends no command).
        holder.timer.exceptionally(e -> null);
      }
      return true;
    }
    return false;
  }

  /** Sleeps for the duration on a timer with a summary. */
  static void sleep(Duration duration, String summary) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build()).get();
  }

  private static final class TimerHolder {
    Promise<Void> timer;
  }
}
