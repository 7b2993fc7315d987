package dev.deployflow.activity;

import java.util.List;

/**
 * The failure types the activities report (the {@code type} of their {@code ApplicationFailure}),
 * declared once for both sides of the contract: the activities throw them, and the release
 * workflow's retry options name the non-retryable ones. A test on each side ties them together.
 */
public final class FailureTypes {
  private FailureTypes() {}

  // ---- non-retryable: retrying the same call says the same; a person must act ---------------

  /** A pipeline file that is missing, does not parse, does not validate or cannot be planned. */
  public static final String INVALID_PIPELINE = "InvalidPipeline";
  /** A command that cannot be started, or a placeholder without a value. */
  public static final String COMMAND_NOT_RUNNABLE = "CommandNotRunnable";
  /** A deploy the pipeline gives no command or hook for, or whose hook cannot be built. */
  public static final String DEPLOY_NOT_RUNNABLE = "DeployNotRunnable";
  /** A deploy hook that answered 4xx: the request itself is wrong. */
  public static final String DEPLOY_REFUSED = "DeployRefused";
  /** A smoke test whose expectation was not met. */
  public static final String SMOKE_TEST_FAILED = "SmokeTestFailed";
  /** A version probe whose document lacks the JSON pointer, or that answered 4xx. */
  public static final String PROBE_FAILED = "ProbeFailed";
  /**
   * An HTTP step was answered with a redirect it may not follow: the step does not say
   * {@code followRedirects: true}, or the redirect leads to another host, or from https to http.
   * The message names the redirect's target host, never its full URL (which may carry a token).
   */
  public static final String REDIRECT_REFUSED = "RedirectRefused";

  // ---- retryable: a later attempt may succeed ------------------------------------------------

  /** A command that exited non-zero. */
  public static final String COMMAND_FAILED = "CommandFailed";
  /** A command that ran past its timeout and was stopped. */
  public static final String COMMAND_TIMED_OUT = "CommandTimedOut";
  /** A command whose runner was interrupted (the worker is stopping). */
  public static final String COMMAND_INTERRUPTED = "CommandInterrupted";
  /** An HTTP call that got no answer, or a 5xx or 429. */
  public static final String HTTP_UNAVAILABLE = "HttpUnavailable";
  /** A pipeline file that exists but could not be read. */
  public static final String PIPELINE_READ_ERROR = "PipelineReadError";
  /** An artifact that could not be read. */
  public static final String ARTIFACT_READ_ERROR = "ArtifactReadError";
  /** A release log or post-mortem that could not be written. */
  public static final String RELEASE_LOG_WRITE_ERROR = "ReleaseLogWriteError";

  /** Every non-retryable type: the workflow's retry options must name each. */
  public static final List<String> NON_RETRYABLE = List.of(
      INVALID_PIPELINE, COMMAND_NOT_RUNNABLE, DEPLOY_NOT_RUNNABLE, DEPLOY_REFUSED, SMOKE_TEST_FAILED, PROBE_FAILED,
      REDIRECT_REFUSED);

  /** Every retryable type: the workflow's retry options must name none. */
  public static final List<String> RETRYABLE = List.of(
      COMMAND_FAILED, COMMAND_TIMED_OUT, COMMAND_INTERRUPTED, HTTP_UNAVAILABLE, PIPELINE_READ_ERROR,
      ARTIFACT_READ_ERROR, RELEASE_LOG_WRITE_ERROR);
}
