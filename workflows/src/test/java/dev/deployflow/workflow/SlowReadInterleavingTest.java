package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.workflow.support.MockActivities;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages that reach the release while one of its short (inline) analyses is in the middle of a
 * metric read. A local activity cannot be cancelled: the read goes on after the release has been
 * told to stop, and what it answers then must not decide anything. A child analysis (cancelled with
 * {@code TRY_CANCEL}) ends at once in the same situation; the inline one must end as it does.
 *
 * <p>A read reaches this state on a real server when it takes longer than four fifths of the
 * workflow task timeout (8 s of the default 10 s: a slow Prometheus query, a read retried): the
 * worker then closes the workflow task while the read goes on, and the next task delivers the
 * messages sent meanwhile. These tests start the release with a 2 s workflow task timeout so
 * that a read held for a few seconds does the same.
 */
class SlowReadInterleavingTest {
  private static final Duration SHORT_TASK_TIMEOUT = Duration.ofSeconds(2);
  private ReleaseHarness harness;
  private final CountDownLatch reading = new CountDownLatch(1);
  private final CountDownLatch answer = new CountDownLatch(1);

  @AfterEach
  void close() {
    answer.countDown();
    harness.close();
  }

  @Test
  void aPromotionThatArrivesDuringAShortAnalysisReadSkipsTheAnalysisEvenWhenTheReadThenFails() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability().build());
    // The second read of canary 10% hangs until the test lets it answer, then answers a breach.
    holdSecondReadThenAnswer(0.05);
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"), SHORT_TASK_TIMEOUT);
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.promote(new PromoteMessage("bob", false));
    harness.awaitWaiting("canary 10% — analysis 1/3");
    harness.awaitStatus("first measurement shown", s -> canary10(s).measurements().size() == 1);
    harness.awaitQuiet();
    // The interval passes: the second read starts and hangs.
    harness.sleep(Duration.ofMinutes(1));
    assertThat(reading.await(10, TimeUnit.SECONDS)).as("the second read started").isTrue();

    CompletableFuture<ReleaseStatus> promoted = CompletableFuture.supplyAsync(
        () -> workflow.promote(new PromoteMessage("carol", false)));
    harness.awaitStatus("carol's promotion accepted", s -> s.timeline().stream()
        .anyMatch(e -> "carol".equals(e.by()) && e.event().startsWith("promoted")));
    // Only now does the read answer, with a value above the maximum.
    answer.countDown();
    promoted.get(30, TimeUnit.SECONDS);
    ReleaseResult result = harness.result();

    // carol skipped what was left of canary 10%: the read she interrupted decides nothing, as a
    // child's would not (it ends at once when cancelled).
    assertThat(result.outcome()).as(result.summary()).isEqualTo(Outcome.SUCCEEDED);
    ReleaseStatus status = harness.status();
    assertThat(status.timeline()).extracting(ReleaseStatus.TimelineEvent::event)
        .contains("analysis of canary 10% skipped by carol");
    assertThat(canary10(status).verdict()).isEqualTo(AnalysisState.SKIPPED);
  }

  @Test
  void aRollbackThatArrivesDuringAShortAnalysisReadRollsBackWithoutWaitingForTheRead() throws Exception {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability().build());
    holdSecondReadThenAnswer(MockActivities.HEALTHY);
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"), SHORT_TASK_TIMEOUT);
    harness.awaitWaiting("canary 10% — pause 10m");
    workflow.promote(new PromoteMessage("bob", false));
    harness.awaitWaiting("canary 10% — analysis 1/3");
    harness.awaitStatus("first measurement shown", s -> canary10(s).measurements().size() == 1);
    harness.awaitQuiet();
    harness.sleep(Duration.ofMinutes(1));
    assertThat(reading.await(10, TimeUnit.SECONDS)).as("the second read started").isTrue();

    CompletableFuture.runAsync(() -> workflow.rollback(new RollbackMessage("carol", "latency spike", null)));
    // The release rolls back and ends while the read still hangs: a read changes nothing, and the
    // rollback need not wait for it (as it need not wait for a child analysis).
    ReleaseStatus ended = harness.awaitStatus("rolled back while the read hangs", s -> s.outcome() != null);
    assertThat(answer.getCount()).as("the read was still held").isEqualTo(1);
    answer.countDown();

    assertThat(ended.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(canary10(ended).verdict()).isEqualTo(AnalysisState.CANCELLED);
    assertThat(canary10(ended).measurements()).hasSize(1);
  }

  /** Every read answers healthy but the second, which waits for the test and then answers {@code value}. */
  private void holdSecondReadThenAnswer(double value) {
    AtomicInteger reads = new AtomicInteger();
    when(harness.mocks.metrics.measure(any())).thenAnswer(inv -> {
      MeasureRequest request = inv.getArgument(0);
      if (request == null) {
        return null;
      }
      if (reads.incrementAndGet() == 2) {
        reading.countDown();
        answer.await(20, TimeUnit.SECONDS);
        return Measurement.value(request.metric(), value, Instant.EPOCH.toString());
      }
      return Measurement.value(request.metric(), MockActivities.HEALTHY, Instant.EPOCH.toString());
    });
  }

  private static AnalysisStatus canary10(ReleaseStatus status) {
    return status.analysis().stream().filter(a -> a.step().equals("canary 10%")).findFirst()
        .orElse(new AnalysisStatus(TestPipelines.ERROR_RATE, "canary 10%", java.util.List.of(), AnalysisState.RUNNING));
  }
}
