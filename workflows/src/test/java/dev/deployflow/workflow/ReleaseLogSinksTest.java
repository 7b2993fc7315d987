package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.deployflow.activity.ReleaseLogActivities.PublishRequest;
import dev.deployflow.activity.ReleaseLogActivities.PublishResult;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.ReleaseLogSink;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The pipeline's release-log sinks at completion: the record goes to the sinks through the
 * release-log activity, a sink that does not take it is written to the timeline and never fails
 * the release, and a pipeline without sinks runs no such activity.
 */
class ReleaseLogSinksTest {
  private static final ReleaseLogSink SINK = new ReleaseLogSink(
      new ReleaseLogSink.Webhook("${env:RELEASE_LOG_URL}", Map.of("Authorization", "Bearer ${env:LOG_TOKEN}"), null));

  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private static Pipeline withSinks(List<ReleaseLogSink> sinks) {
    Pipeline p = TestPipelines.standard().noApproval().noStability().build();
    return new Pipeline(p.application(), p.requireRollbackPlan(), p.components(), p.environments(), p.analysis(),
        p.notifications(), p.rollback(), p.hotfix(), p.operators(), p.applications(), sinks);
  }

  @Test
  void theRecordGoesToTheSinksAfterTheFileLog() {
    harness = new ReleaseHarness(withSinks(List.of(SINK)));
    when(harness.mocks.releaseLog.publishReleaseLog(any())).thenReturn(new PublishResult(1, List.of()));
    harness.start(ReleaseHarness.request("1.2.0"));

    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    ArgumentCaptor<PublishRequest> sent = ArgumentCaptor.forClass(PublishRequest.class);
    verify(harness.mocks.releaseLog).publishReleaseLog(sent.capture());
    assertThat(sent.getValue().sinks()).containsExactly(SINK);
    assertThat(sent.getValue().entry().application()).isEqualTo("shop");
    assertThat(sent.getValue().entry().version()).isEqualTo("1.2.0");
    assertThat(sent.getValue().entry().outcome()).isEqualTo("succeeded");
    assertThat(sent.getValue().vars()).containsEntry("application", "shop").containsEntry("version", "1.2.0");
    assertThat(events()).contains("release record sent to 1 release-log sink");
  }

  @Test
  void aSinkThatDoesNotTakeTheRecordIsReportedAndTheReleaseStillSucceeds() {
    harness = new ReleaseHarness(withSinks(List.of(SINK, SINK)));
    when(harness.mocks.releaseLog.publishReleaseLog(any()))
        .thenReturn(new PublishResult(1, List.of("release-log sink 1: HTTP 500 after 3 attempts")));
    harness.start(ReleaseHarness.request("1.2.0"));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(events()).contains(
        "release record not delivered to every release-log sink: release-log sink 1: HTTP 500 after 3 attempts");
  }

  @Test
  void aFailingSinkActivityIsReportedAndTheReleaseStillSucceeds() {
    harness = new ReleaseHarness(withSinks(List.of(SINK)));
    when(harness.mocks.releaseLog.publishReleaseLog(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure("the sink exploded", "TestFailure"));
    harness.start(ReleaseHarness.request("1.2.0"));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(events()).anyMatch(e -> e.startsWith("release record could not be sent: ") && e.contains("the sink exploded"));
  }

  @Test
  void aPipelineWithoutSinksRunsNoSinkActivity() {
    harness = new ReleaseHarness(withSinks(null));
    harness.start(ReleaseHarness.request("1.2.0"));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    verify(harness.mocks.releaseLog, never()).publishReleaseLog(any());
    assertThat(events()).noneMatch(e -> e.contains("release-log sink") || e.contains("release record"));
  }

  private List<String> events() {
    return harness.status().timeline().stream().map(ReleaseStatus.TimelineEvent::event).toList();
  }
}
