package dev.deployflow.api;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.FreezeLifted;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.SkipMessage;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One release of one application, from preparation to completion, with rollback at any time.
 * Its workflow id is {@code deploy-<application>} (see {@link ReleaseRequest#workflowIdFor}).
 *
 * <p>Every operator message is both a signal (fire-and-forget; a refused one is recorded in
 * {@code status.rejectedMessages}) and an update of the same name (its validator refuses at once
 * and leaves nothing in history; an accepted one returns the new status).
 */
@WorkflowInterface
public interface DeploymentWorkflow {

  /** The workflow type name in Temporal. */
  String TYPE = "DeploymentWorkflow";

  /** The default task queue. */
  String TASK_QUEUE = "deployments";

  @WorkflowMethod(name = TYPE)
  ReleaseResult run(ReleaseRequest request);

  @QueryMethod(name = "status")
  ReleaseStatus status();

  @SignalMethod(name = "approve")
  void approveSignal(ApproveMessage message);

  @UpdateMethod(name = "approve")
  ReleaseStatus approve(ApproveMessage message);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ApproveMessage message);

  @SignalMethod(name = "reject")
  void rejectSignal(RejectMessage message);

  @UpdateMethod(name = "reject")
  ReleaseStatus reject(RejectMessage message);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(RejectMessage message);

  @SignalMethod(name = "rollback")
  void rollbackSignal(RollbackMessage message);

  @UpdateMethod(name = "rollback")
  ReleaseStatus rollback(RollbackMessage message);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(RollbackMessage message);

  @SignalMethod(name = "pause")
  void pauseSignal(PauseMessage message);

  @UpdateMethod(name = "pause")
  ReleaseStatus pause(PauseMessage message);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(PauseMessage message);

  @SignalMethod(name = "resume")
  void resumeSignal(ResumeMessage message);

  @UpdateMethod(name = "resume")
  ReleaseStatus resume(ResumeMessage message);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(ResumeMessage message);

  @SignalMethod(name = "promote")
  void promoteSignal(PromoteMessage message);

  @UpdateMethod(name = "promote")
  ReleaseStatus promote(PromoteMessage message);

  @UpdateValidatorMethod(updateName = "promote")
  void validatePromote(PromoteMessage message);

  // Guided failure: at a gate of kind decision (an environment with onFailure: ask).

  @SignalMethod(name = "retry")
  void retrySignal(RetryMessage message);

  @UpdateMethod(name = "retry")
  ReleaseStatus retry(RetryMessage message);

  @UpdateValidatorMethod(updateName = "retry")
  void validateRetry(RetryMessage message);

  @SignalMethod(name = "skip")
  void skipSignal(SkipMessage message);

  @UpdateMethod(name = "skip")
  ReleaseStatus skip(SkipMessage message);

  @UpdateValidatorMethod(updateName = "skip")
  void validateSkip(SkipMessage message);

  /** Lets a hotfix pass the freezes that hold it now (a production approver only). */
  @SignalMethod(name = "breakGlass")
  void breakGlassSignal(BreakGlassMessage message);

  @UpdateMethod(name = "breakGlass")
  ReleaseStatus breakGlass(BreakGlassMessage message);

  @UpdateValidatorMethod(updateName = "breakGlass")
  void validateBreakGlass(BreakGlassMessage message);

  /** From the freeze calendar: the freezes that held the release changed; it checks them again. */
  @SignalMethod(name = "freezeLifted")
  void freezeLifted(FreezeLifted message);
}
