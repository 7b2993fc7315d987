package dev.deployflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.FreezeLifted;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The worker's side of {@link DeploymentWorkflow}: the same workflow type, query, signal and
 * update names, but every operator message arrives as raw JSON and is decoded by the release
 * itself ({@link MessageDecoder}). Clients keep using the typed {@link DeploymentWorkflow}; Temporal
 * matches the two by name. Why: the Java SDK drops a signal whose argument it cannot decode (a
 * string instead of an object, an unknown field, a wrong type, an unknown enum value from another
 * SDK or a hand-typed CLI command) with only a worker log line, whereas CONTRACT.md promises that
 * every refused signal is listed in {@code status.rejectedMessages}; and an update refused by the
 * SDK's decoder would answer with a Jackson stack trace instead of the field that was wrong.
 */
@WorkflowInterface
public interface DeploymentWorkflowHandlers {

  @WorkflowMethod(name = DeploymentWorkflow.TYPE)
  ReleaseResult run(ReleaseRequest request);

  @QueryMethod(name = "status")
  ReleaseStatus status();

  /** One approval for the gate (ApproveMessage). */
  @SignalMethod(name = "approve")
  void approveSignal(JsonNode message);

  @UpdateMethod(name = "approve")
  ReleaseStatus approve(JsonNode message);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(JsonNode message);

  /** The gate fails (RejectMessage). */
  @SignalMethod(name = "reject")
  void rejectSignal(JsonNode message);

  @UpdateMethod(name = "reject")
  ReleaseStatus reject(JsonNode message);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(JsonNode message);

  /** Roll back now (RollbackMessage). */
  @SignalMethod(name = "rollback")
  void rollbackSignal(JsonNode message);

  @UpdateMethod(name = "rollback")
  ReleaseStatus rollback(JsonNode message);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(JsonNode message);

  /** Hold before the next step (PauseMessage). */
  @SignalMethod(name = "pause")
  void pauseSignal(JsonNode message);

  @UpdateMethod(name = "pause")
  ReleaseStatus pause(JsonNode message);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(JsonNode message);

  /** Continue after a pause (ResumeMessage). */
  @SignalMethod(name = "resume")
  void resumeSignal(JsonNode message);

  @UpdateMethod(name = "resume")
  ReleaseStatus resume(JsonNode message);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(JsonNode message);

  /** Skip the current wait (PromoteMessage). */
  @SignalMethod(name = "promote")
  void promoteSignal(JsonNode message);

  @UpdateMethod(name = "promote")
  ReleaseStatus promote(JsonNode message);

  @UpdateValidatorMethod(updateName = "promote")
  void validatePromote(JsonNode message);

  /** At a decision gate: run the failed step again (RetryMessage). */
  @SignalMethod(name = "retry")
  void retrySignal(JsonNode message);

  @UpdateMethod(name = "retry")
  ReleaseStatus retry(JsonNode message);

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry(JsonNode message);

  /** At a decision gate: skip a failed smoke test or analysis (SkipMessage). */
  @SignalMethod(name = "skip")
  void skipSignal(JsonNode message);

  @UpdateMethod(name = "skip")
  ReleaseStatus skip(JsonNode message);

  @UpdateValidatorMethod(updateName = "skip")
  void validateSkip(JsonNode message);

  /** Let a hotfix pass an active freeze (BreakGlassMessage). */
  @SignalMethod(name = "breakGlass")
  void breakGlassSignal(JsonNode message);

  @UpdateMethod(name = "breakGlass")
  ReleaseStatus breakGlass(JsonNode message);

  @UpdateValidatorMethod(updateName = "breakGlass")
  void validateBreakGlass(JsonNode message);

  /** From the freeze calendar: the freezes that held the release changed; it checks them again. */
  @SignalMethod(name = "freezeLifted")
  void freezeLifted(FreezeLifted message);
}
