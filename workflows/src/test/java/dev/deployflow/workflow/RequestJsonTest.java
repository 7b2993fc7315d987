package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow's input as other SDKs and the Temporal CLI send it, as raw JSON: a typo, a value of
 * the wrong JSON type or an unknown enum word fails the run at once, non-retryable, naming the
 * field (CONTRACT.md "Start a release"), instead of being dropped or failing in Jackson's words.
 */
class RequestJsonTest {
  private static final String FIELDS =
      "the request takes application, version, pipeline, kind, impact, requestedBy, changes, rollbackPlan, committedAt";

  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private WorkflowStub start(Object input) {
    harness = new ReleaseHarness(TestPipelines.standard().noApproval().build());
    WorkflowStub stub = harness.client().newUntypedWorkflowStub(DeploymentWorkflow.TYPE,
        WorkflowOptions.newBuilder().setTaskQueue(DeploymentWorkflow.TASK_QUEUE).setWorkflowId("deploy-shop").build());
    stub.start(input);
    return stub;
  }

  /** The run's failure message; the failure must be the release's invalid input, not retryable. */
  private String refused(Object input) {
    WorkflowStub stub = start(input);
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, () -> stub.getResult(ReleaseResult.class));
    assertThat(failed).as("the run should fail").isNotNull();
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(DeploymentWorkflowImpl.INVALID_INPUT);
    assertThat(failure.isNonRetryable()).isTrue();
    verify(harness.mocks.pipeline, never()).planRelease(any());
    return failure.getOriginalMessage();
  }

  private static Map<String, Object> request(Object... more) {
    Map<String, Object> json = new HashMap<>(Map.of("application", "shop", "version", "1.2.0"));
    for (int i = 0; i < more.length; i += 2) {
      json.put((String) more[i], more[i + 1]);
    }
    return json;
  }

  @Test
  void aMisspeltFieldIsRefusedNamingItInsteadOfLeavingTheRequesterUnknown() {
    assertThat(refused(request("requestBy", "alice")))
        .isEqualTo("invalid release request: requestBy: is unknown; " + FIELDS);
  }

  @Test
  void anUnknownKindIsRefusedNamingTheFieldAndTheWords() {
    assertThat(refused(request("kind", "bogus"))).isEqualTo("invalid release request: kind: 'bogus' is not one of standard, hotfix");
  }

  @Test
  void valuesOfTheWrongJsonTypeAreRefusedNotCoerced() {
    assertThat(refused(request("version", 1.2, "requestedBy", 42, "changes", "one change")))
        .contains("version: must be a string, not a decimal number", "requestedBy: must be a string, not a number",
            "changes: must be an array of strings, not a string");
    close();
    assertThat(refused(request("changes", List.of("fine", true))))
        .isEqualTo("invalid release request: changes[1]: must be a string, not a boolean");
  }

  @Test
  void anInputThatIsNoObjectIsRefused() {
    assertThat(refused("shop 1.2.0")).startsWith("invalid release request: the request must be one JSON object such as {");
  }

  @Test
  void aFloodOfUnknownFieldsIsSummedUp() {
    Map<String, Object> json = request();
    for (int i = 0; i < 50; i++) {
      json.put("x" + i, i);
    }
    String message = refused(json);
    assertThat(message.split("is unknown;")).hasSize(6);
    assertThat(message).endsWith("; 45 more unknown field(s)");
  }

  @Test
  void aHostileFieldNameIsQuotedShortAndEscaped() {
    String message = refused(request("\u001b]0;pwned\u0007" + "y".repeat(100), 1));
    assertThat(message).startsWith("invalid release request: '\\u001b]0;pwned\\u0007yyy")
        .contains("… (110 characters): is unknown").doesNotContain("\u001b").doesNotContain("y".repeat(40));
  }

  @Test
  void explicitNullsAndCaseInsensitiveWordsStillStartARelease() {
    WorkflowStub stub = start(request("kind", "STANDARD", "impact", "High", "pipeline", null, "changes", null, "requestedBy", "alice"));
    assertThat(stub.getResult(ReleaseResult.class).outcome()).isEqualTo(Outcome.SUCCEEDED);
  }
}
