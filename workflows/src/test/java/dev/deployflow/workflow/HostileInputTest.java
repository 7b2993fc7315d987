package dev.deployflow.workflow;

import dev.deployflow.api.DeploymentWorkflow;
import static dev.deployflow.workflow.support.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.deployflow.model.GateState;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile values at the release's own doors (CONTRACT.md "Input rules"): a bad request fails the
 * run at once, non-retryable, naming the field, before anything runs; a bad message is refused
 * naming the field; refusals quote values short and escaped; a pipeline serves only its own
 * application; a flood of refused signals keeps the status bounded.
 */
class HostileInputTest {
  private static final String VERSION_RULE = " must match [0-9A-Za-z][0-9A-Za-z._+-]{0,127}"
      + " (letters, digits and . _ + -, at most 128, starting with a letter or digit)";

  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private static ReleaseRequest withVersion(String version) {
    return new ReleaseRequest(TestPipelines.APP, version, null, ReleaseKind.STANDARD, null, "alice", List.of(), null);
  }

  /** Starts the request, expects the run to fail as invalid input before loading anything, returns the message. */
  private String invalidInput(ReleaseRequest request) {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    harness.start(request);
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class,
        () -> harness.stub().getResult(ReleaseResult.class));
    assertThat(failed).as("the run should fail").isNotNull();
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(DeploymentWorkflowImpl.INVALID_INPUT);
    assertThat(failure.isNonRetryable()).isTrue();
    verify(harness.mocks.pipeline, never()).planRelease(any());
    verify(harness.mocks.commands, never()).runCommand(any());
    return failure.getOriginalMessage();
  }

  @Test
  void aVersionThatWouldRewriteAJsonBodyFailsTheRun() {
    assertThat(invalidInput(withVersion("9.9.9\",\"environment\":\"production")))
        .isEqualTo("invalid release request: version: '9.9.9\",\"environment\":\"production'" + VERSION_RULE);
  }

  @Test
  void aVersionWithAQuoteFailsTheRun() {
    assertThat(invalidInput(withVersion("x\"y"))).isEqualTo("invalid release request: version: 'x\"y'" + VERSION_RULE);
  }

  @Test
  void aVersionThatLooksLikeAnOptionFailsTheRun() {
    assertThat(invalidInput(withVersion("--output=/etc/passwd")))
        .isEqualTo("invalid release request: version: '--output=/etc/passwd'" + VERSION_RULE);
  }

  @Test
  void aFiveThousandCharacterVersionFailsTheRunAndIsNotEchoed() {
    String message = invalidInput(withVersion("7".repeat(5_000)));
    assertThat(message).isEqualTo("invalid release request: version: '" + "7".repeat(40) + "'… (5000 characters)" + VERSION_RULE);
    // The failed run's status does not echo it either.
    assertThat(harness.status().version()).isEqualTo("'" + "7".repeat(40) + "'… (5000 characters)");
  }

  @Test
  void aHundredThousandChangesFailTheRun() {
    ReleaseRequest request = new ReleaseRequest(TestPipelines.APP, "1.2.0", null, null, null, "alice",
        Collections.nCopies(100_000, "c"), null);
    assertThat(invalidInput(request))
        .isEqualTo("invalid release request: changes: holds 100000 entries; at most 100 are allowed");
  }

  @Test
  void aRequesterWithMarkupAndAControlCharacterInAChangeFailTheRun() {
    ReleaseRequest request = new ReleaseRequest(TestPipelines.APP, "1.2.0", null, null, null, "<b>alice</b>",
        List.of("fix \u001b[2J"), null);
    assertThat(invalidInput(request)).isEqualTo("invalid release request:"
        + " requestedBy: '<b>alice</b>' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63};"
        + " changes[0]: must not contain control characters; found \\u001b at position 4");
  }

  @Test
  void aMegabyteReasonIsRefusedWithoutBeingEchoed() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    String megabyte = "A".repeat(1_048_576);
    String expected = "reason: is 1048576 characters long; at most 1000 are allowed";
    assertThat(refusal(harness, () -> workflow.rollback(new RollbackMessage("bob", megabyte, null)))).isEqualTo(expected);
    workflow.pauseSignal(new PauseMessage("bob", megabyte));
    ReleaseStatus status = harness.awaitStatus("refused pause listed", s -> !s.rejectedMessages().isEmpty());
    assertThat(status.rejectedMessages()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(expected));
    assertThat(status.toString()).hasSizeLessThan(20_000);
    assertThat(status.state()).isNotEqualTo(dev.deployflow.model.RunState.PAUSED);
  }

  @Test
  void controlCharactersInACommentAreRefused() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("bob", null, "ok\u001b]0;pwned\u0007"))))
        .isEqualTo("comment: must not contain control characters other than newline; found \\u001b at position 2");
    assertThat(refusal(harness, () -> workflow.approve(new ApproveMessage("bob\"}", "pro\nduction", null))))
        .isEqualTo("by: 'bob\"}' must match [A-Za-z0-9][A-Za-z0-9._@-]{0,63};"
            + " gate: 'pro\\nduction' must not contain control characters");
    // A comment over several lines is fine.
    workflow.approveSignal(new ApproveMessage("bob", null, "checked:\n- dashboards\n- runbook"));
    ReleaseStatus approved = harness.awaitStatus("approved", s -> s.gates().get(0).state() == GateState.APPROVED);
    assertThat(approved.gates().get(0).approvals().get(0).comment()).isEqualTo("checked:\n- dashboards\n- runbook");
    assertThat(approved.rejectedMessages()).isEmpty();
  }

  @Test
  void aPipelineOfAnotherApplicationIsRefusedNamingBoth() {
    harness = new ReleaseHarness(TestPipelines.standard().application("billing").build());
    harness.start(ReleaseHarness.request("1.2.0"));
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class,
        () -> harness.stub().getResult(ReleaseResult.class));
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("application: pipeline 'shop'"
        + " serves billing, not shop; a release of shop needs a pipeline that names it in application or applications");
    verify(harness.mocks.commands, never()).runCommand(any());
  }

  @Test
  void aSharedPipelineServesEveryApplicationItNames() {
    harness = new ReleaseHarness(TestPipelines.standard().applications("billing", "shop").noApproval().build());
    harness.start(ReleaseHarness.request("1.2.0"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }

  @Test
  void aFloodOfRefusedSignalsKeepsTheStatusBounded() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    DeploymentWorkflow workflow = harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
    int sent = 250;
    for (int i = 0; i < sent; i++) {
      workflow.approveSignal(new ApproveMessage("mallory" + i, null, null));
    }
    int kept = ReleaseState.REJECTED_FIRST + ReleaseState.REJECTED_RECENT;
    ReleaseStatus status = harness.awaitStatus("every signal handled",
        s -> s.rejectedMessagesDropped() + s.rejectedMessages().size() - 1 == sent);
    assertThat(status.rejectedMessages()).hasSize(kept + 1);
    assertThat(status.rejectedMessagesDropped()).isEqualTo(sent - kept);
    assertThat(status.rejectedMessages().get(0).by()).isEqualTo("mallory0");
    assertThat(status.rejectedMessages().get(ReleaseState.REJECTED_FIRST).reason())
        .isEqualTo((sent - kept) + " refused message(s) not kept: the status keeps the first 20 and the most recent 80");
    assertThat(status.rejectedMessages().get(kept).by()).isEqualTo("mallory" + (sent - 1));
    workflow.approve(new ApproveMessage("bob", null, null));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
  }
}
