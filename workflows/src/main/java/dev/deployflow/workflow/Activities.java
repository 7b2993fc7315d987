package dev.deployflow.workflow;

import dev.deployflow.activity.ArtifactActivities;
import dev.deployflow.activity.CommandActivities;
import dev.deployflow.activity.ConfigActivities;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.MetricActivities;
import dev.deployflow.activity.NotificationActivities;
import dev.deployflow.activity.PipelineActivities;
import dev.deployflow.activity.ReleaseLogActivities;
import dev.deployflow.activity.SmokeTestActivities;
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

  /** A pipeline file that is missing, does not parse or does not validate. */
  static final String INVALID_PIPELINE = "InvalidPipeline";
  /** A program that cannot be started, or a placeholder without a value. */
  static final String COMMAND_NOT_RUNNABLE = "CommandNotRunnable";
  /** A smoke test whose expectation was not met: retrying the same check says the same. */
  static final String SMOKE_TEST_FAILED = "SmokeTestFailed";
  /** A deploy hook that answered 4xx: the request itself is wrong. */
  static final String DEPLOY_REFUSED = "DeployRefused";
  /** A version probe whose document lacks the JSON pointer. */
  static final String PROBE_FAILED = "ProbeFailed";

  /**
   * How long a command or a deploy may go without a heartbeat: the command runner and a deploy
   * hook call in flight beat every few seconds, so a dead worker is noticed within seconds and
   * the step is retried (with the same idempotency key) on another worker.
   */
  static final Duration COMMAND_HEARTBEAT = Duration.ofSeconds(15);
  /** Added to a command's own timeout, so that the runner's kill and report happen first. */
  private static final Duration COMMAND_MARGIN = Duration.ofMinutes(1);
  /** The default timeout of deploy, migrate and rollback commands, as the command runner's. */
  static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);
  /** The default timeout of builds. */
  static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(30);

  private static final RetryOptions STANDARD =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(5)
          .setDoNotRetry(INVALID_PIPELINE, COMMAND_NOT_RUNNABLE, SMOKE_TEST_FAILED, DEPLOY_REFUSED, PROBE_FAILED)
          .build();

  /** A build or deploy that failed twice will fail again: a person must look at its output. */
  private static final RetryOptions FEW =
      STANDARD.toBuilder().setMaximumAttempts(2).build();

  /** Compensations try harder: a failed compensation fails the run. */
  private static final RetryOptions COMPENSATION =
      STANDARD.toBuilder().setMaximumAttempts(6).setDoNotRetry(COMMAND_NOT_RUNNABLE, DEPLOY_REFUSED).build();

  private Activities() {}

  static PipelineActivities pipeline(String summary) {
    return Workflow.newActivityStub(PipelineActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
  }

  /** A build: long, heartbeating, retried once. */
  static CommandActivities build(String summary, Duration timeout) {
    return Workflow.newActivityStub(
        CommandActivities.class,
        options(summary, timeout.plus(COMMAND_MARGIN), FEW).toBuilder()
            .setHeartbeatTimeout(COMMAND_HEARTBEAT)
            .build());
  }

  /** A migration or another environment-changing command. */
  static CommandActivities command(String summary, Duration timeout) {
    return Workflow.newActivityStub(
        CommandActivities.class,
        options(summary, timeout.plus(COMMAND_MARGIN), FEW).toBuilder()
            .setHeartbeatTimeout(COMMAND_HEARTBEAT)
            .build());
  }

  static DeployActivities deploy(String summary, Duration timeout) {
    return Workflow.newActivityStub(
        DeployActivities.class,
        options(summary, timeout.plus(COMMAND_MARGIN), FEW).toBuilder().setHeartbeatTimeout(COMMAND_HEARTBEAT).build());
  }

  static DeployActivities probe(String summary) {
    return Workflow.newActivityStub(DeployActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
  }

  static ArtifactActivities artifacts(String summary) {
    // Multi-GB artifacts are hashed as a stream; give them time.
    return Workflow.newActivityStub(ArtifactActivities.class, options(summary, Duration.ofMinutes(30), STANDARD));
  }

  static ConfigActivities config(String summary) {
    return Workflow.newActivityStub(ConfigActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
  }

  static SmokeTestActivities smokeTests(String summary) {
    return Workflow.newActivityStub(SmokeTestActivities.class, options(summary, Duration.ofMinutes(2), STANDARD));
  }

  static MetricActivities metrics(String summary) {
    return Workflow.newActivityStub(MetricActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
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

  static ReleaseLogActivities releaseLog(String summary) {
    return Workflow.newActivityStub(ReleaseLogActivities.class, options(summary, Duration.ofMinutes(1), STANDARD));
  }

  static DeployActivities compensatingDeploy(String summary, Duration timeout) {
    return Workflow.newActivityStub(
        DeployActivities.class,
        options(summary, timeout.plus(COMMAND_MARGIN), COMPENSATION).toBuilder()
            .setHeartbeatTimeout(COMMAND_HEARTBEAT)
            .build());
  }

  static CommandActivities compensatingCommand(String summary, Duration timeout) {
    return Workflow.newActivityStub(
        CommandActivities.class,
        options(summary, timeout.plus(COMMAND_MARGIN), COMPENSATION).toBuilder()
            .setHeartbeatTimeout(COMMAND_HEARTBEAT)
            .build());
  }

  private static ActivityOptions options(String summary, Duration startToClose, RetryOptions retry) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(retry)
        .setSummary(summary)
        .build();
  }
}
