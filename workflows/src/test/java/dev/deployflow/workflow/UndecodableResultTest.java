package dev.deployflow.workflow;

import static dev.deployflow.workflow.support.Calls.deployOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;

import dev.deployflow.activity.SmokeTestActivities.SmokeTestRequest;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
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
 * Only invalid input fails a release at once. A result that this worker cannot decode (a newer
 * activity worker answering in a shape this one does not know) is a failure of that step: the
 * release rolls back what it deployed instead of ending without a rollback.
 */
class UndecodableResultTest {
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aSmokeTestResultThatDoesNotDecodeRollsProductionBack() {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().rollout(new RolloutStep(100, null, List.of())).build(),
        null, new CorruptProductionSmokeTests());
    harness.start(ReleaseHarness.request("1.2.0"));
    ReleaseResult result = harness.result();

    assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(result.summary()).contains("could not be decoded");
    verify(harness.mocks.deploy).deploy(argThat(deployOf("api", "1.1.0", "production")));
    verify(harness.mocks.deploy).deploy(argThat(deployOf("web", "1.1.0", "production")));
  }

  /** Answers every production smoke test with a document no SmokeTestResult decodes from. */
  static final class CorruptProductionSmokeTests extends WorkerInterceptorBase {
    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
      return new ActivityInboundCallsInterceptorBase(next) {
        @Override
        public ActivityOutput execute(ActivityInput input) {
          ActivityOutput output = super.execute(input);
          Object[] args = input.getArguments();
          if (args.length == 1 && args[0] instanceof SmokeTestRequest r && r.environment().equals("production")) {
            return new ActivityOutput(Map.of("status", List.of("not", "a", "number")));
          }
          return output;
        }
      };
    }
  }
}
