package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deploy window is checked before every production deploy, also one that waited after the
 * rollout step's own check: a retry decided after the window closed waits for it to open again.
 */
class RecheckBeforeDeployTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aRetryDecidedAfterTheWindowClosedWaitsForItToOpenAgain() {
    // Monday 09:00-10:00 UTC; the release reaches production at 09:50 and api's first deploy fails.
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().window("mon", "09:00", "10:00", "UTC")
        .onFailure(TestPipelines.PRODUCTION, "ask", "1h").build(), Instant.parse("2026-03-09T09:50:00Z"));
    List<String> production = new CopyOnWriteArrayList<>();
    AtomicInteger apiAttempts = new AtomicInteger();
    when(harness.mocks.deploy.deploy(any())).thenAnswer(inv -> {
      DeployRequest r = inv.getArgument(0);
      if (r != null && r.environment().equals(TestPipelines.PRODUCTION) && r.version().equals("1.2.0")) {
        production.add(r.component() + "@" + r.weight() + " " + Instant.ofEpochMilli(harness.now()));
        if (r.component().equals("api") && apiAttempts.incrementAndGet() == 1) {
          throw ApplicationFailure.newNonRetryableFailure("HTTP 500", "DeployFailed");
        }
      }
      return new DeployResult("deployed");
    });
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.skipUntilGate(GuidedFailure.DECISION_GATE);
    harness.sleep(Duration.ofMinutes(25));

    workflow.retry(new RetryMessage("erin"));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(production.get(0)).startsWith("api@10 2026-03-09T09:5");
    // The retry waited for the next Monday's window instead of deploying at 10:1x.
    assertThat(production.get(1)).startsWith("api@10 2026-03-16T09:");
    assertThat(production).allSatisfy(d -> assertThat(d).doesNotContain("2026-03-09T10:"));
  }
}
