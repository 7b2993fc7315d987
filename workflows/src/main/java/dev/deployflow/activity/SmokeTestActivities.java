package dev.deployflow.activity;

import dev.deployflow.pipeline.SmokeTest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** Runs HTTP smoke tests (gates 2 and 3). */
@ActivityInterface
public interface SmokeTestActivities {

  /**
   * Sends the smoke test's request and checks its expectations: status, body text, JSON pointer
   * values and latency. An unmet expectation fails with type {@code SmokeTestFailed} (not
   * retryable) and a message naming the check and what it saw; 5xx, 429 (with
   * {@code Retry-After} as the next delay) and I/O errors are retryable.
   */
  @ActivityMethod
  SmokeTestResult runSmokeTest(SmokeTestRequest request);

  /** One smoke test in one environment. */
  record SmokeTestRequest(String environment, SmokeTest test, Map<String, String> vars) {}

  /** A passed smoke test: the status seen and how long it took. */
  record SmokeTestResult(String name, int status, long latencyMillis) {}
}
