package dev.deployflow.workflow;

import dev.deployflow.activity.ArtifactActivities;
import dev.deployflow.activity.CommandActivities;
import dev.deployflow.activity.ConfigActivities;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.FailureTypes;
import dev.deployflow.activity.DeployCheckActivities;
import dev.deployflow.activity.MetricActivities;
import dev.deployflow.activity.NotificationActivities;
import dev.deployflow.activity.PipelineActivities;
import dev.deployflow.activity.ReleaseLogActivities;
import dev.deployflow.activity.SmokeTestActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The activity stubs of the release workflows and their options. Each call gets its own stub so
 * that it carries a human summary in the Temporal UI ({@code deploy api 1.2.0 to production at
 * 10%}). Retries belong to Temporal: errors that a retry cannot fix are listed as non-retryable
 * types, and everything else is retried with backoff.
 */
final class Activities {

  /** The failure type of a pipeline that cannot be used (see {@link FailureTypes#INVALID_PIPELINE}). */
  static final String INVALID_PIPELINE = FailureTypes.INVALID_PIPELINE;

  /**
   * How long a deploy, migration, build or other command may go without a heartbeat: the
   * activities beat every few seconds while their HTTP call or process runs, so a lost worker is
   * noticed within this, and a cancellation reaches the activity at its next beat.
   */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  /** Added to a command's own timeout, so that the runner's kill and report happen first. */
  private static final Duration COMMAND_MARGIN = Duration.ofMinutes(1);
  /** The default timeout of deploy, migrate and rollback commands, as the command runner's. */
  static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);
  /** The default timeout of builds. */
  static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(30);

  static final RetryOptions STANDARD =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(5)
          .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(new String[0]))
          .build();

  /** A build or deploy that failed twice will fail again: a person must look at its output. */
  private static final RetryOptions FEW =
      STANDARD.toBuilder().setMaximumAttempts(2).build();

  /**
   * Compensations try harder: a failed compensation fails the run. Only what no retry can fix
   * stops them early (the command or hook cannot be run at all, or is refused); a smoke-test or
   * probe type never comes from a compensation.
   */
  static final RetryOptions COMPENSATION = STANDARD.toBuilder().setMaximumAttempts(6)
      .setDoNotRetry(FailureTypes.COMMAND_NOT_RUNNABLE, FailureTypes.DEPLOY_NOT_RUNNABLE, FailureTypes.DEPLOY_REFUSED,
          FailureTypes.REDIRECT_REFUSED)
      .build();

  private Activities() {}

  static PipelineActivities pipeline(String summary) {
    return Workflow.newActivityStub(PipelineActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
  }

  /** A build: long, heartbeating, retried once; a cancellation waits until its process was stopped. */
  static CommandActivities build(String summary, Duration timeout) {
    return Workflow.newActivityStub(CommandActivities.class, changing(options(summary, timeout.plus(COMMAND_MARGIN), FEW)));
  }

  /** A migration or another environment-changing command. */
  static CommandActivities command(String summary, Duration timeout) {
    return Workflow.newActivityStub(CommandActivities.class, changing(options(summary, timeout.plus(COMMAND_MARGIN), FEW)));
  }

  /** A deploy, by HTTP hook or command. */
  static DeployActivities deploy(String summary, Duration timeout) {
    return Workflow.newActivityStub(DeployActivities.class, changing(options(summary, timeout.plus(COMMAND_MARGIN), FEW)));
  }

  /**
   * The options of a step that changes something outside: it heartbeats, and a cancellation (a
   * rollback) waits until the activity itself has reported it, which it does only once its HTTP
   * call has answered or its process has been stopped and reaped. A sent deploy cannot be taken
   * back by closing the connection: were the release to move on at once, its compensation could
   * reach the target before the call it undoes and be overwritten by it.
   */
  private static ActivityOptions changing(ActivityOptions options) {
    return options.toBuilder()
        .setHeartbeatTimeout(HEARTBEAT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  static DeployActivities probe(String summary) {
    return Workflow.newActivityStub(DeployActivities.class, reading(options(summary, Duration.ofMinutes(1), STANDARD)));
  }

  /**
   * The options of a read (a probe, a smoke test, a measurement, an artifact check): it heartbeats
   * while its HTTP call or its hashing runs, so that a worker lost meanwhile is noticed at the
   * heartbeat timeout and another one retries it seconds later, not at the end of the
   * start-to-close timeout. A cancellation does not wait for it: a read changes nothing.
   */
  private static ActivityOptions reading(ActivityOptions options) {
    return options.toBuilder().setHeartbeatTimeout(HEARTBEAT).build();
  }

  static ArtifactActivities artifacts(String summary) {
    // Multi-GB artifacts are hashed as a stream; give them time.
    return Workflow.newActivityStub(ArtifactActivities.class, reading(options(summary, Duration.ofMinutes(30), STANDARD)));
  }

  static ConfigActivities config(String summary) {
    return Workflow.newActivityStub(ConfigActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
  }

  static SmokeTestActivities smokeTests(String summary) {
    return Workflow.newActivityStub(SmokeTestActivities.class, reading(options(summary, Duration.ofMinutes(2), STANDARD)));
  }

  static MetricActivities metrics(String summary) {
    return Workflow.newActivityStub(MetricActivities.class, reading(options(summary, Duration.ofMinutes(1), STANDARD)));
  }

  /**
   * Metric reads of the stability monitor, as local activities: a read is short and idempotent,
   * and a local activity costs one history event instead of three, so a week of one-minute checks
   * needs fewer runs.
   */
  static MetricActivities localMetrics(String summary) {
    return Workflow.newLocalActivityStub(
        MetricActivities.class,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            .setRetryOptions(STANDARD.toBuilder().setMaximumAttempts(3).build())
            .setSummary(summary)
            .build());
  }

  static NotificationActivities notifications(String summary) {
    // The activity retries each delivery itself and never throws; two attempts cover a lost worker.
    return Workflow.newActivityStub(
        NotificationActivities.class,
        options(summary, Duration.ofMinutes(2), STANDARD.toBuilder().setMaximumAttempts(2).build()));
  }

  /** The check before a production step: the deploy window and a query of the calendar, short and retried. */
  static DeployCheckActivities deployCheck(String summary) {
    // One query and at most one signal: a short timeout, so that a worker killed during the check
    // delays the release by seconds (then a retry), not by a minute.
    // Retried without a limit: a calendar that cannot be asked for a while (a busy frontend, a stuck
    // task of the calendar) holds the release at its check, it never rolls back a healthy wave.
    return Workflow.newActivityStub(DeployCheckActivities.class,
        options(summary, Duration.ofSeconds(15), STANDARD.toBuilder().setMaximumAttempts(0).build()));
  }

  static ReleaseLogActivities releaseLog(String summary) {
    return Workflow.newActivityStub(ReleaseLogActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
  }

  static ReleaseLogActivities releaseLogSinks(String summary) {
    // Like notifications: the activity tries each sink itself and never throws.
    return Workflow.newActivityStub(
        ReleaseLogActivities.class,
        options(summary, Duration.ofMinutes(2), STANDARD.toBuilder().setMaximumAttempts(2).build()));
  }

  static DeployActivities compensatingDeploy(String summary, Duration timeout) {
    return Workflow.newActivityStub(
        DeployActivities.class, changing(options(summary, timeout.plus(COMMAND_MARGIN), COMPENSATION)));
  }

  static CommandActivities compensatingCommand(String summary, Duration timeout) {
    return Workflow.newActivityStub(
        CommandActivities.class, changing(options(summary, timeout.plus(COMMAND_MARGIN), COMPENSATION)));
  }

  private static ActivityOptions options(String summary, Duration startToClose, RetryOptions retry) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(retry)
        .setSummary(summary)
        .build();
  }
}
