package dev.deployflow.activity;

/**
 * Failure types that activities raise when something a step met would carry its request where
 * nobody chose. They are raised as non-retryable failures, and every RetryOptions of the steps
 * that can raise them (deploy hooks, version probes, smoke tests) must also list them in
 * {@code setDoNotRetry}: the same request meets the same answer again.
 */
public final class HostileInputFailures {
  /**
   * An HTTP step was answered with a redirect it may not follow: the step does not say
   * {@code followRedirects: true}, or the redirect leads to another host, or from https to http.
   * The message names the redirect's target host, never its full URL (which may carry a token).
   */
  public static final String REDIRECT_REFUSED = "RedirectRefused";

  private HostileInputFailures() {}
}
