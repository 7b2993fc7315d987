package dev.deployflow.activities.smoke;

import dev.deployflow.activity.FailureTypes;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpAnswer;
import dev.deployflow.activities.command.Heartbeat;
import dev.deployflow.activities.http.HttpExchange;
import dev.deployflow.activities.http.InFlightHeartbeat;
import dev.deployflow.activities.http.HttpFailures;
import dev.deployflow.activities.http.HttpRequests;
import dev.deployflow.activities.http.RedirectRefusedException;
import dev.deployflow.activities.secrets.SecretMasker;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.SmokeTestActivities;
import dev.deployflow.pipeline.SmokeTest;
import dev.deployflow.pipeline.SmokeTest.Expectation;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Runs one HTTP smoke test against an environment and checks its expectations (see
 * {@link SmokeTestChecks}): the status (any 2xx when the pipeline names none), text in the body,
 * values at JSON pointers compared as text, and the latency until the body was read.
 *
 * <p>An unmet expectation fails with type {@value #FAILED}, not retryable, and a message naming
 * the test, the check and what it saw, e.g.
 * {@code smoke test 'health' failed: expected status 200, got 404 (body: "not found")}. Not
 * retryable either: a test whose request cannot be built. Retryable ({@code HttpUnavailable}): an
 * unexpected 5xx or 429 (with {@code Retry-After} as the next delay) and I/O errors, including
 * an answer slower than the shared client's timeouts, because the environment may still be
 * starting. Not retryable, with type {@code RedirectRefused}: a redirect the test may not follow
 * (any, unless its request says {@code followRedirects: true}; then one to another host).
 */
public final class SmokeTestActivitiesImpl implements SmokeTestActivities {
  /** Failure type of a smoke test whose expectation was not met. */
  public static final String FAILED = FailureTypes.SMOKE_TEST_FAILED;

  private final ActivitySettings settings;
  private final OkHttpClient client;
  private final Duration heartbeatInterval;

  /** Smoke tests with the worker's settings and its shared HTTP client. */
  public SmokeTestActivitiesImpl(ActivitySettings settings, OkHttpClient client) {
    this(settings, client, InFlightHeartbeat.DEFAULT_INTERVAL);
  }

  /** With a given heartbeat interval while the request is in flight (tests use a short one). */
  public SmokeTestActivitiesImpl(ActivitySettings settings, OkHttpClient client, Duration heartbeatInterval) {
    this.settings = settings;
    this.client = client;
    this.heartbeatInterval = heartbeatInterval;
  }

  @Override
  public SmokeTestResult runSmokeTest(SmokeTestRequest request) {
    SmokeTest test = request.test();
    String name = test == null || test.name() == null ? "unnamed" : test.name();
    String prefix = "smoke test '" + name + "' in " + request.environment();
    TemplateRenderer renderer = TemplateRenderer.forWorker(settings);
    SecretMasker masker = renderer.masker();
    Map<String, String> vars = new HashMap<>();
    vars.put("environment", request.environment());
    if (request.vars() != null) {
      vars.putAll(request.vars());
    }

    Request httpRequest;
    SmokeTestChecks checks;
    try {
      if (test == null) {
        throw new IllegalArgumentException("the pipeline gives no test");
      }
      httpRequest = HttpRequests.build(test.request(), vars, renderer, Map.of());
      Expectation expect = test.expect() == null ? new Expectation(null, null, null, null) : test.expect();
      checks = new SmokeTestChecks(expect);
    } catch (IllegalArgumentException badTest) {
      throw ApplicationFailure.newNonRetryableFailure(
          masker.mask(prefix + " cannot run: " + badTest.getMessage()), FAILED);
    }

    HttpAnswer answer;
    try {
      // Heartbeats while the request is in flight: a worker lost meanwhile is noticed in seconds.
      answer = new InFlightHeartbeat(Heartbeat.ofCurrentActivity(), heartbeatInterval).await(
          masker.mask(prefix + ": " + HttpRequests.describe(httpRequest)),
          () -> HttpExchange.send(client, httpRequest, HttpExchange.DEFAULT_BODY_LIMIT, test.request().followsRedirects()));
    } catch (IOException unreachable) {
      throw HttpFailures.ioError(prefix + ": " + HttpRequests.describe(httpRequest), unreachable, masker);
    } catch (RedirectRefusedException redirected) {
      throw HttpFailures.redirectRefused(prefix + ": " + HttpRequests.describe(httpRequest), redirected, masker);
    }

    String failurePrefix = "smoke test '" + name + "' failed: ";
    if (!checks.statusMet(answer.status())) {
      String message = masker.mask(failurePrefix + checks.describeStatusMismatch(answer));
      if (HttpFailures.isRetryable(answer.status())) {
        throw HttpFailures.retryable(message, answer);
      }
      throw ApplicationFailure.newNonRetryableFailure(message, FAILED);
    }
    List<String> unmet = checks.unmetExpectations(answer);
    if (!unmet.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(masker.mask(failurePrefix + String.join("; ", unmet)), FAILED);
    }
    return new SmokeTestResult(name, answer.status(), answer.latencyMillis());
  }
}
