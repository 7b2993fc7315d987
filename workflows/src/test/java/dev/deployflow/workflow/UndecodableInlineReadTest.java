package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.AnalysisState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A metric read that does not decode in a short analysis or stability window, which the release
 * runs itself. The child that ran them before failed on such a read (a DataConverterException
 * fails its run), and the release then recorded the metric as in error. Run in the release, the
 * same read must end the same way, and must never leave the metric "running" in the status of a
 * release that has moved on.
 */
class UndecodableInlineReadTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void anUndecodableReadOfAShortAnalysisIsAnErrorOfItsMetricAsInTheChild() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().noStability()
        .rollout(new RolloutStep(10, null, List.of(TestPipelines.ERROR_RATE)), new RolloutStep(100, null, List.of())).build(),
        null, new CorruptReads());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseStatus status = harness.awaitStatus("the analysis decided", s -> s.outcome() != null
        || s.gates().stream().anyMatch(g -> g.name().equals("analysis") && String.valueOf(g.state()).equals("waiting")));

    // As the child's failure did: the metric is in error, and a person decides (CONTRACT: an
    // analysis in error waits for a decision).
    assertThat(analysis(status).verdict()).as(status.currentStep()).isEqualTo(AnalysisState.ERROR);
    assertThat(status.outcome()).isNull();
    assertThat(status.currentStep()).startsWith("waiting for a decision: analysis of canary 10% was in error")
        .contains("could not be decoded").doesNotContain("not a number");
    workflow.rollback(new RollbackMessage("bob", "unreadable metric", null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.ROLLED_BACK);
  }

  @Test
  void anUndecodableReadOfAShortStabilityWindowRollsBackWithoutLeavingItRunning() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval()
        .rollout(new RolloutStep(100, null, List.of())).stability("10m", "5m", TestPipelines.ERROR_RATE).build(),
        null, new CorruptReads());
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("could not be decoded");
    assertThat(analysis(harness.status()).verdict()).isEqualTo(AnalysisState.ERROR);
  }

  private static AnalysisStatus analysis(ReleaseStatus status) {
    return status.analysis().stream().findFirst().orElseThrow();
  }

  /** Answers every metric read with a document no Measurement decodes from. */
  static final class CorruptReads extends WorkerInterceptorBase {
    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
      return new ActivityInboundCallsInterceptorBase(next) {
        @Override
        public ActivityOutput execute(ActivityInput input) {
          ActivityOutput output = super.execute(input);
          Object[] args = input.getArguments();
          if (args.length == 1 && args[0] instanceof MeasureRequest) {
            return new ActivityOutput(Map.of("value", List.of("not", "a", "number")));
          }
          return output;
        }
      };
    }
  }
}
