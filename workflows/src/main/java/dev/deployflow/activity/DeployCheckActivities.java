package dev.deployflow.activity;

import dev.deployflow.model.Freeze;
import dev.deployflow.pipeline.FreezeSpec;
import dev.deployflow.pipeline.WindowSpec;
import dev.deployflow.plan.WindowDecision;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The check before each production step: may the release deploy now? One activity answers both
 * halves of the question. The freeze calendar ({@code deployflow-freezes}) lives outside the
 * release, so it must be asked from an activity. The deploy window is pure arithmetic, but it reads
 * the worker's time-zone rules, so its decision must be recorded too; a side-effect marker would do
 * that, but in replay the Java SDK resumes a side effect only when its marker is matched while the
 * first execution resumes it at once, and a command that an update handler starts in the same
 * workflow task (its answer wait) then lands on the other side of the marker. An activity result
 * arrives in its own workflow task in the first execution and in replay alike.
 */
@ActivityInterface
public interface DeployCheckActivities {

  /**
   * The environment's window decision at {@code check.atMillis()} and the calendar's active freezes
   * that hold {@code check.application()} (none when there is no calendar, or when the window
   * itself is closed and the calendar need not be asked yet; a closing freeze of the environment's
   * own does not keep the calendar from being asked). When calendar freezes hold it, the release is
   * registered with the calendar in the same call (signal {@code register}), so that the calendar
   * wakes it when they lift; registering twice is harmless.
   */
  @ActivityMethod
  DeployCheckResult checkDeploy(DeployCheck check);

  /**
   * Which release asks, about which environment, at which instant of workflow time.
   *
   * @param workflowId where the calendar's wake-up goes
   * @param window the environment's deploy window, or null when it has none
   * @param freezes the environment's own freezes from the pipeline, or empty
   * @param atMillis the workflow's current time, so that a test server that skips time decides
   *     at the release's time, and a retried check decides as the first attempt would
   */
  record DeployCheck(String application, String workflowId, String environment, WindowSpec window,
      List<FreezeSpec> freezes, long atMillis) {}

  /**
   * The answer.
   *
   * @param window the decision of the environment's window and pipeline freezes
   * @param freezes the calendar's active freezes that hold the application
   */
  record DeployCheckResult(WindowDecision window, List<Freeze> freezes) {}
}
