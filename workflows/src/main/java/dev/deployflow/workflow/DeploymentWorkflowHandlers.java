package dev.deployflow.workflow;

import io.temporal.common.converter.RawValue;
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
  void approveSignal(RawValue message);

  @UpdateMethod(name = "approve")
  ReleaseStatus approve(RawValue message);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(RawValue message);

  /** The gate fails (RejectMessage). */
  @SignalMethod(name = "reject")
  void rejectSignal(RawValue message);

  @UpdateMethod(name = "reject")
  ReleaseStatus reject(RawValue message);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(RawValue message);

  /** Roll back now (RollbackMessage). */
  @SignalMethod(name = "rollback")
  void rollbackSignal(RawValue message);

  @UpdateMethod(name = "rollback")
  ReleaseStatus rollback(RawValue message);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(RawValue message);

  /** Hold before the next step (PauseMessage). */
  @SignalMethod(name = "pause")
  void pauseSignal(RawValue message);

  @UpdateMethod(name = "pause")
  ReleaseStatus pause(RawValue message);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(RawValue message);

  /** Continue after a pause (ResumeMessage). */
  @SignalMethod(name = "resume")
  void resumeSignal(RawValue message);

  @UpdateMethod(name = "resume")
  ReleaseStatus resume(RawValue message);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(RawValue message);

  /** Skip the current wait (PromoteMessage). */
  @SignalMethod(name = "promote")
  void promoteSignal(RawValue message);

  @UpdateMethod(name = "promote")
  ReleaseStatus promote(RawValue message);

  @UpdateValidatorMethod(updateName = "promote")
  void validatePromote(RawValue message);

  /** At a decision gate: run the failed step again (RetryMessage). */
  @SignalMethod(name = "retry")
  void retrySignal(RawValue message);

  @UpdateMethod(name = "retry")
  ReleaseStatus retry(RawValue message);

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry(RawValue message);

  /** At a decision gate: skip a failed smoke test or analysis (SkipMessage). */
  @SignalMethod(name = "skip")
  void skipSignal(RawValue message);

  @UpdateMethod(name = "skip")
  ReleaseStatus skip(RawValue message);

  @UpdateValidatorMethod(updateName = "skip")
  void validateSkip(RawValue message);

  /** Let a hotfix pass an active freeze (BreakGlassMessage). */
  @SignalMethod(name = "breakGlass")
  void breakGlassSignal(RawValue message);

  @UpdateMethod(name = "breakGlass")
  ReleaseStatus breakGlass(RawValue message);

  @UpdateValidatorMethod(updateName = "breakGlass")
  void validateBreakGlass(RawValue message);

  /** From the freeze calendar: the freezes that held the release changed; it checks them again. */
  @SignalMethod(name = "freezeLifted")
  void freezeLifted(FreezeLifted message);
}
