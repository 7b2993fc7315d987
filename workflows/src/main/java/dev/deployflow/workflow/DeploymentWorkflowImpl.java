package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseEvent;
import io.temporal.common.converter.RawValue;
import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.FreezeLifted;
import dev.deployflow.model.OperatorMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.SkipMessage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The release workflow. It validates its input, then runs the release forward ({@link ReleaseRun})
 * in a cancellation scope that a rollback request or a Temporal cancellation interrupts, and
 * finishes in a detached scope: the rollback that is due ({@link Rollback}) and the completion
 * ({@link Completion}). Operator messages go through {@link OperatorMessages}; the status is
 * {@link ReleaseState}; phase changes go through {@link ReleaseStateMachine}.
 */
public class DeploymentWorkflowImpl implements DeploymentWorkflowHandlers {

  /** The failure type of a request that cannot run: the run fails at once, without retries. */
  public static final String INVALID_INPUT = "InvalidInput";
  /** The failure type of a rollback whose compensations failed after every retry. */
  public static final String COMPENSATION_FAILED = "CompensationFailed";
  /**
   * How long an accepted update waits, at most, for the release to act on its message before it
   * answers: long enough for a child to confirm its cancellation, short enough for a person waiting
   * at a prompt.
   */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

  private final ReleaseRequest request;
  private final ReleaseState state;
  private final Operator operator = new Operator();
  private final Saga saga = new Saga();
  private final ReleaseStateMachine machine;
  private final OperatorMessages messages;
  private final FreezeHold freezes;
  private final Visibility visibility = new Visibility();

  @WorkflowInit
  public DeploymentWorkflowImpl(ReleaseRequest request) {
    ReleaseRequest given = request == null ? new ReleaseRequest(null, null, null, null, null, null, null, null) : request;
    this.request = given.problems().isEmpty() ? given.withDefaults() : given;
    this.state = new ReleaseState(this.request, Workflow::currentTimeMillis, visibility::publish);
    this.machine = new ReleaseStateMachine(transition -> {
      state.event(transition.describe());
      state.transition(transition.from(), transition.to(), transition.event().words());
      state.phase(transition.to());
    });
    Authority authority = new Authority(this.request);
    this.messages = new OperatorMessages(state, operator, authority);
    this.freezes = new FreezeHold(this.request, state, operator, authority);
  }

  @Override
  public ReleaseResult run(ReleaseRequest ignored) {
    refuseInvalidInput();
    visibility.start(request);
    ReleaseTelemetry.started(request);
    ReleaseContext release = new ReleaseContext(
        request, Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId(), state, machine, saga, operator);
    saga.bind(release);
    release.freezes(freezes);
    messages.pipelineFrom(release::pipeline);
    // Signals that came before the pipeline was loaded are judged as soon as it is (see
    // OperatorMessages); detached, so that a cancellation of the release does not fail this wait.
    Workflow.newDetachedCancellationScope(() -> Async.procedure(() -> {
      Workflow.await(messages::sendersKnown);
      messages.judgeEarlySignals();
    })).run();
    state.compensations(saga::toStatus);
    Notifier notifier = new Notifier(release);
    ReleaseRun run = new ReleaseRun(release, notifier);
    state.event("release of " + request.application() + " " + request.version() + " requested ("
        + request.kind().json() + ", impact " + request.impact().json() + ")", request.requestedBy());

    // The workflow's own scope: Temporal's cancellation request shows here, also after the forward
    // scope has ended (during a rollback or completion, which run detached).
    CancellationScope root = CancellationScope.current();
    EndingHolder forward = new EndingHolder();
    CancellationScope scope = Workflow.newCancellationScope(() -> forward.ending = run.forward());
    operator.interrupts(scope);
    try {
      scope.run();
    } catch (CanceledFailure | ActivityFailure | ChildWorkflowFailure e) {
      if (!Failures.isCancellation(e)) {
        throw e;
      }
      operator.cancelledByTemporal();
      forward.ending = null;
    }
    operator.interrupts(null);

    Finish finish = new Finish(release, notifier, root::isCancelRequested);
    ResultHolder result = new ResultHolder();
    // Rollback and completion must run to the end even when the workflow is being cancelled; so
    // must every message handler still running (an update waiting to answer), before the run ends.
    Workflow.newDetachedCancellationScope(() -> {
      result.value = finish.run(forward.ending);
      Workflow.await(Workflow::isEveryHandlerFinished);
    }).run();
    if (!finish.failedCompensations().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "rollback incomplete: " + String.join("; ", finish.failedCompensations()), COMPENSATION_FAILED);
    }
    return result.value;
  }

  private void refuseInvalidInput() {
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      String message = "invalid release request: " + String.join("; ", problems);
      throw ApplicationFailure.newNonRetryableFailure(message, INVALID_INPUT);
    }
    String expected = ReleaseRequest.workflowIdFor(request.application());
    String actual = Workflow.getInfo().getWorkflowId();
    if (!expected.equals(actual)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "workflow id '" + actual + "' is not allowed: a release of " + request.application()
              + " must run with workflow id '" + expected + "' (the id is the one-release-per-application lock)",
          INVALID_INPUT);
    }
  }

  /** Rolls back when due, then completes. */
  private final class Finish {
    private final ReleaseContext release;
    private final Notifier notifier;
    private final java.util.function.BooleanSupplier cancelRequested;
    private List<String> failed = List.of();

    Finish(ReleaseContext release, Notifier notifier, java.util.function.BooleanSupplier cancelRequested) {
      this.release = release;
      this.notifier = notifier;
      this.cancelRequested = cancelRequested;
    }

    ReleaseResult run(ReleaseRun.Ending ending) {
      Outcome outcome;
      String summary;
      Rollback rollback = new Rollback(release, notifier);
      if (ending == null) {
        RollbackMessage asked = operator.rollback();
        machine.fire(ReleaseEvent.ROLLBACK_REQUESTED);
        ReleaseTelemetry.failing();
        failed = rollback.run(asked.effectiveLevel(), asked.by(), reasonOf(asked));
        ReleaseTelemetry.rolledBack(request.application(), asked.effectiveLevel(),
            operator.cancelled() ? ReleaseTelemetry.Trigger.CANCEL : ReleaseTelemetry.Trigger.MANUAL);
        machine.fire(ReleaseEvent.ROLLED_BACK);
        outcome = operator.cancelled() ? Outcome.ABORTED : Outcome.ROLLED_BACK;
        summary = operator.cancelled()
            ? "aborted: the workflow was cancelled; rolled back (code)"
            : "rolled back (" + asked.effectiveLevel().json() + ") by " + asked.by() + ": " + reasonOf(asked);
        if (!operator.cancelled() && cancelRequested.getAsBoolean()) {
          outcome = Outcome.ABORTED;
          summary = "aborted: the workflow was cancelled during the rollback; " + summary;
        }
      } else if (ending.outcome() == Outcome.ROLLED_BACK) {
        failed = rollback.run(dev.deployflow.model.RollbackLevel.CODE, "deployflow", ending.reason());
        ReleaseTelemetry.rolledBack(request.application(), dev.deployflow.model.RollbackLevel.CODE,
            ReleaseTelemetry.Trigger.AUTOMATIC);
        machine.fire(ReleaseEvent.ROLLED_BACK);
        outcome = Outcome.ROLLED_BACK;
        summary = "rolled back automatically: " + ending.reason();
        if (cancelRequested.getAsBoolean()) {
          // Cancelled while the automatic rollback ran: it was finished, and the release is aborted.
          outcome = Outcome.ABORTED;
          summary = "aborted: the workflow was cancelled during the automatic rollback; " + summary;
        }
      } else {
        outcome = ending.outcome();
        summary = ending.outcome() == Outcome.SUCCEEDED ? succeeded() : ending.reason();
      }
      RollbackMessage raised = rollback.raisedBy();
      if (raised != null) {
        // The level finally carried out, and who asked for it, as the last word on the rollback.
        summary = summary + "; raised to " + rollback.carriedOut().json() + " by " + raised.by() + ": " + reasonOf(raised);
      }
      List<String> unrestored = release.saga().unrestored();
      if (!unrestored.isEmpty()) {
        summary = summary + "; " + String.join("; ", unrestored);
      }
      if (!failed.isEmpty()) {
        outcome = Outcome.FAILED;
        summary = summary + "; rollback incomplete: " + String.join("; ", failed);
      }
      return new Completion(release, notifier, cancelRequested).complete(outcome, summary);
    }

    List<String> failedCompensations() {
      return failed;
    }

    private String succeeded() {
      String previous = state.previousVersion();
      return request.application() + " " + request.version() + " is live in "
          + String.join(", ", release.plan().waves().stream().map(dev.deployflow.plan.Wave::name).toList())
          + (previous == null ? "" : " (was " + previous + ")");
    }

    private String reasonOf(RollbackMessage asked) {
      return asked.reason() == null || asked.reason().isBlank() ? "no reason given" : asked.reason();
    }
  }

  // ---- queries and messages ------------------------------------------------------------------

  @Override
  public ReleaseStatus status() {
    return state.toStatus();
  }

  @Override
  public void approveSignal(RawValue message) {
    signal("approve", message, ApproveMessage.class, messages::refuseApprove, messages::approve);
  }

  @Override
  public ReleaseStatus approve(RawValue message) {
    return update("approve", message, ApproveMessage.class, messages::refuseApprove, messages::approve);
  }

  @Override
  public void validateApprove(RawValue message) {
    validate("approve", message, ApproveMessage.class, messages::refuseApprove);
  }

  @Override
  public void rejectSignal(RawValue message) {
    signal("reject", message, RejectMessage.class, messages::refuseReject, messages::reject);
  }

  @Override
  public ReleaseStatus reject(RawValue message) {
    return update("reject", message, RejectMessage.class, messages::refuseReject, messages::reject);
  }

  @Override
  public void validateReject(RawValue message) {
    validate("reject", message, RejectMessage.class, messages::refuseReject);
  }

  @Override
  public void rollbackSignal(RawValue message) {
    signal("rollback", message, RollbackMessage.class, messages::refuseRollback, messages::rollback);
  }

  @Override
  public ReleaseStatus rollback(RawValue message) {
    return update("rollback", message, RollbackMessage.class, messages::refuseRollback, messages::rollback);
  }

  @Override
  public void validateRollback(RawValue message) {
    validate("rollback", message, RollbackMessage.class, messages::refuseRollback);
  }

  @Override
  public void pauseSignal(RawValue message) {
    signal("pause", message, PauseMessage.class, messages::refusePause, messages::pause);
  }

  @Override
  public ReleaseStatus pause(RawValue message) {
    return update("pause", message, PauseMessage.class, messages::refusePause, messages::pause);
  }

  @Override
  public void validatePause(RawValue message) {
    validate("pause", message, PauseMessage.class, messages::refusePause);
  }

  @Override
  public void resumeSignal(RawValue message) {
    signal("resume", message, ResumeMessage.class, messages::refuseResume, messages::resume);
  }

  @Override
  public ReleaseStatus resume(RawValue message) {
    return update("resume", message, ResumeMessage.class, messages::refuseResume, messages::resume);
  }

  @Override
  public void validateResume(RawValue message) {
    validate("resume", message, ResumeMessage.class, messages::refuseResume);
  }

  @Override
  public void promoteSignal(RawValue message) {
    signal("promote", message, PromoteMessage.class, messages::refusePromote, messages::promote);
  }

  @Override
  public ReleaseStatus promote(RawValue message) {
    return update("promote", message, PromoteMessage.class, messages::refusePromote, messages::promote);
  }

  @Override
  public void validatePromote(RawValue message) {
    validate("promote", message, PromoteMessage.class, messages::refusePromote);
  }

  @Override
  public void retrySignal(RawValue message) {
    signal("retry", message, RetryMessage.class, messages::refuseRetry, messages::retry);
  }

  @Override
  public ReleaseStatus retry(RawValue message) {
    return update("retry", message, RetryMessage.class, messages::refuseRetry, messages::retry);
  }

  @Override
  public void validateRetry(RawValue message) {
    validate("retry", message, RetryMessage.class, messages::refuseRetry);
  }

  @Override
  public void skipSignal(RawValue message) {
    signal("skip", message, SkipMessage.class, messages::refuseSkip, messages::skip);
  }

  @Override
  public ReleaseStatus skip(RawValue message) {
    return update("skip", message, SkipMessage.class, messages::refuseSkip, messages::skip);
  }

  @Override
  public void validateSkip(RawValue message) {
    validate("skip", message, SkipMessage.class, messages::refuseSkip);
  }

  @Override
  public void breakGlassSignal(RawValue message) {
    signal("breakGlass", message, BreakGlassMessage.class, freezes::refuseBreakGlass, freezes::breakGlass);
  }

  @Override
  public ReleaseStatus breakGlass(RawValue message) {
    return update("breakGlass", message, BreakGlassMessage.class, freezes::refuseBreakGlass, freezes::breakGlass);
  }

  @Override
  public void validateBreakGlass(RawValue message) {
    validate("breakGlass", message, BreakGlassMessage.class, freezes::refuseBreakGlass);
  }

  /** Anyone may wake the release: it only asks the calendar again, which decides. */
  @Override
  public void freezeLifted(FreezeLifted message) {
    freezes.woken(message);
  }

  /**
   * A signal never fails the workflow: one that does not decode, or that is refused, is listed in
   * {@code status.rejectedMessages}.
   */
  private <M extends OperatorMessage> void signal(String name, RawValue json, Class<M> type,
      Function<M, String> refusal, Function<M, Supplier<Boolean>> apply) {
    MessageDecoder.Decoded<M> decoded = MessageDecoder.decode(name, json, type);
    if (decoded.problem() != null) {
      state.rejectMessage(name, decoded.by(), decoded.problem());
      return;
    }
    M message = decoded.message();
    messages.signal(name, message, () -> refusal.apply(message), () -> apply.apply(message));
  }

  /** An update's validator: a message that does not decode is refused naming what is wrong. */
  private static <M extends OperatorMessage> void validate(String name, RawValue json, Class<M> type,
      Function<M, String> refusal) {
    MessageDecoder.Decoded<M> decoded = MessageDecoder.decode(name, json, type);
    validate(decoded.problem() != null ? decoded.problem() : refusal.apply(decoded.message()));
  }

  private <M extends OperatorMessage> ReleaseStatus update(String name, RawValue json, Class<M> type,
      Function<M, String> refusal, Function<M, Supplier<Boolean>> apply) {
    MessageDecoder.Decoded<M> decoded = MessageDecoder.decode(name, json, type);
    if (decoded.problem() != null) {
      // The validator refused it already; a replay of an old history may still bring one here.
      throw ApplicationFailure.newNonRetryableFailure(decoded.problem(), "MessageRefused");
    }
    M message = decoded.message();
    return update(name, refusal.apply(message), () -> apply.apply(message));
  }

  /**
   * Applies an accepted update and returns the new status: the status once the release's main code
   * has acted on the message (CONTRACT.md: "returns the new status"). When the release waits for
   * what the message changes (a gate, a pause, a rollout pause), it acts within the same workflow
   * task, the wait's timer is cancelled before it is ever sent and the history holds no trace of
   * it. When the release is busy in an activity or a child (a deploy, a notification), the message
   * is recorded and takes effect later; the answer then waits {@link #ANSWER_WAIT} at most.
   */
  private ReleaseStatus update(String name, String refusal, Supplier<Supplier<Boolean>> apply) {
    if (refusal != null) {
      // The validator accepted it a moment ago; state changed since, within the same task.
      throw ApplicationFailure.newNonRetryableFailure(refusal, "MessageRefused");
    }
    Supplier<Boolean> acted = apply.get();
    Waits.until(ANSWER_WAIT, "answer to the " + name + " update: wait up to " + ANSWER_WAIT.toSeconds()
        + "s for the release to act on it", acted);
    return state.toStatus();
  }

  private static void validate(String refusal) {
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  private static final class EndingHolder {
    ReleaseRun.Ending ending;
  }

  private static final class ResultHolder {
    ReleaseResult value;
  }

  /** Keeps the Temporal UI current: the workflow's details and its search attributes. */
  private static final class Visibility {
    private boolean started;
    private Phase phase;
    private Outcome outcome;
    private String committedAt;
    private String publishedDetails;

    void start(ReleaseRequest request) {
      started = true;
      committedAt = request.committedAt();
      phase = Phase.PREPARATION;
      Workflow.upsertTypedSearchAttributes(
          DeploySearchAttributes.APPLICATION.valueSet(request.application()),
          DeploySearchAttributes.VERSION.valueSet(request.version()),
          DeploySearchAttributes.REQUESTED_BY.valueSet(request.requestedBy()),
          DeploySearchAttributes.PHASE.valueSet(phase.json()));
    }

    void publish(ReleaseState state) {
      if (!started) {
        return;
      }
      String details = ReleaseDetails.markdown(state);
      // Most state changes leave the details as they were; sending them again costs the worker.
      if (!details.equals(publishedDetails)) {
        publishedDetails = details;
        Workflow.setCurrentDetails(details);
      }
      if (state.phase() != phase) {
        phase = state.phase();
        Workflow.upsertTypedSearchAttributes(DeploySearchAttributes.PHASE.valueSet(phase.json()));
      }
      if (state.outcome() != null && state.outcome() != outcome) {
        outcome = state.outcome();
        Workflow.upsertTypedSearchAttributes(ReleaseTelemetry.withCompletion(
            DeploySearchAttributes.OUTCOME.valueSet(outcome.json()), committedAt, state.approvedBy()));
      }
    }
  }
}
