package dev.deployflow.client;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.ReleaseStatus.Approval;
import dev.deployflow.model.ReleaseStatus.EnvironmentStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.model.ReleaseStatus.RejectedMessage;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.RunState;
import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.api.DeploymentWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small stand-in for the real release workflow, for testing the client and the command line
 * (the unit under test is the caller, not this class). It walks preparation, staging, a
 * production gate approved by {@link #APPROVERS}, a 10/50/100 rollout with one error-rate
 * measurement per step, stability and completion. A version starting with {@code broken} fails
 * the run, as a broken pipeline would. Its validators refuse what the real one refuses, with
 * messages of the same kind. Like the real one it keeps {@code DeployVersion} and
 * {@code DeployPhase} current, so the server must know them ({@link DeploySearchAttributes#ALL}).
 */
public class FakeDeploymentWorkflow implements DeploymentWorkflow {
  /** Who may approve the production gate. */
  public static final List<String> APPROVERS = List.of("bob", "carol");

  /** The message of a failed run (a version starting with {@code broken}). */
  public static final String BROKEN_PIPELINE =
      "pipeline invalid: environments[1].rollout[0].weight must be between 1 and 100";

  private static final Duration STEP = Duration.ofMillis(150);
  private static final int[] WEIGHTS = {10, 50, 100};

  private ReleaseRequest request;
  private Phase phase = Phase.PREPARATION;
  private RunState state = RunState.RUNNING;
  private String currentStep = "starting";
  private Outcome outcome;
  private String gateState = "pending";
  private final List<Approval> approvals = new ArrayList<>();
  private final List<EnvironmentStatus> environments = new ArrayList<>();
  private final List<MeasurementStatus> measurements = new ArrayList<>();
  private final List<TimelineEvent> timeline = new ArrayList<>();
  private final List<RejectedMessage> rejected = new ArrayList<>();
  private boolean paused;
  private boolean promoted;
  private RollbackMessage rollbackRequest;

  @Override
  public ReleaseResult run(ReleaseRequest input) {
    String startedAt = now();
    if (!input.problems().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          String.join("; ", input.problems()), "InvalidRequest");
    }
    request = input.withDefaults();
    Workflow.upsertTypedSearchAttributes(
        DeploySearchAttributes.VERSION.valueSet(request.version()),
        DeploySearchAttributes.PHASE.valueSet(phase.json()));
    event("release " + request.version() + " started", request.requestedBy());
    step(Phase.PREPARATION, "build and verify artifacts");
    if (request.version().startsWith("broken")) {
      throw ApplicationFailure.newNonRetryableFailure(BROKEN_PIPELINE, "InvalidPipeline");
    }
    holdIfPaused();
    step(Phase.STAGING, "deploy to staging");
    environments.add(new EnvironmentStatus("staging", request.version(), "1.0.0", 100));
    event("staging deployed", null);

    enter(Phase.APPROVAL);
    gateState = "waiting";
    state = RunState.WAITING;
    currentStep = "waiting for approval of production";
    event("production gate waiting for approval", null);
    Workflow.await(() -> !"waiting".equals(gateState) || rollbackRequest != null);
    if (rollbackRequest != null) {
      return rollBack(startedAt);
    }
    if ("rejected".equals(gateState)) {
      return finish(Outcome.REJECTED, "rejected at the production gate", startedAt);
    }
    environments.add(new EnvironmentStatus("production", "1.0.0", "1.0.0", 0));
    for (int weight : WEIGHTS) {
      holdIfPaused();
      if (rollbackRequest != null) {
        return rollBack(startedAt);
      }
      enter(Phase.PRODUCTION_ROLLOUT);
      currentStep = "canary " + weight + "%";
      environments.set(1, new EnvironmentStatus("production", request.version(), "1.0.0", weight));
      event("production at " + weight + "%", null);
      measurements.add(new MeasurementStatus(now(), 0.001 * weight / 10, dev.deployflow.model.MeasurementState.SUCCESSFUL, null));
      state = RunState.WAITING;
      Workflow.await(STEP, () -> promoted || rollbackRequest != null);
      state = RunState.RUNNING;
      promoted = false;
    }
    if (rollbackRequest != null) {
      return rollBack(startedAt);
    }
    step(Phase.VERIFICATION, "smoke tests in production");
    step(Phase.STABILITY, "stability window");
    enter(Phase.COMPLETION);
    return finish(Outcome.SUCCEEDED, request.version() + " is live in production", startedAt);
  }

  @Override
  public ReleaseStatus status() {
    List<GateStatus> gates = new ArrayList<>();
    if (!"pending".equals(gateState)) {
      String app = request.application();
      List<String> commands = new ArrayList<>();
      for (String approver : APPROVERS) {
        commands.add("deployflow approve " + app + " --by " + approver);
      }
      commands.add("temporal workflow update execute --workflow-id deploy-" + app
          + " --name approve --input '{\"by\":\"" + APPROVERS.get(0) + "\"}'");
      gates.add(new GateStatus("production", dev.deployflow.model.GateKind.APPROVAL,
          dev.deployflow.model.GateState.fromJson(gateState), APPROVERS, List.copyOf(approvals), 1,
          null, commands));
    }
    List<AnalysisStatus> analysis = measurements.isEmpty()
        ? List.of()
        : List.of(new AnalysisStatus("error-rate", currentStep, List.copyOf(measurements),
            dev.deployflow.model.AnalysisState.PASSED));
    return new ReleaseStatus(
        request == null ? null : request.application(),
        request == null ? null : request.version(),
        request == null ? null : request.requestedBy(),
        phase, state, currentStep, outcome, "1.0.0",
        List.copyOf(environments), gates, analysis, List.copyOf(timeline), List.of(),
        List.copyOf(rejected), List.of());
  }

  @Override
  public void approveSignal(ApproveMessage message) {
    if (accepted("approve", message.by(), () -> validateApprove(message))) {
      approve(message);
    }
  }

  @Override
  public ReleaseStatus approve(ApproveMessage message) {
    approvals.add(new Approval(message.by(), now(), message.comment()));
    gateState = "approved";
    state = RunState.RUNNING;
    event("production approved", message.by());
    return status();
  }

  @Override
  public void validateApprove(ApproveMessage message) {
    requireBy(message.by());
    requireWaitingGate(message.gate());
    if (!APPROVERS.contains(message.by())) {
      throw new IllegalArgumentException(message.by()
          + " may not approve the production gate: its approvers are "
          + String.join(", ", APPROVERS));
    }
    if (message.by().equals(request.requestedBy())) {
      throw new IllegalArgumentException(
          message.by() + " requested this release and may not approve it");
    }
  }

  @Override
  public void rejectSignal(RejectMessage message) {
    if (accepted("reject", message.by(), () -> validateReject(message))) {
      reject(message);
    }
  }

  @Override
  public ReleaseStatus reject(RejectMessage message) {
    gateState = "rejected";
    event("production rejected: " + message.reason(), message.by());
    return status();
  }

  @Override
  public void validateReject(RejectMessage message) {
    requireBy(message.by());
    requireWaitingGate(message.gate());
  }

  @Override
  public void rollbackSignal(RollbackMessage message) {
    if (accepted("rollback", message.by(), () -> validateRollback(message))) {
      rollback(message);
    }
  }

  @Override
  public ReleaseStatus rollback(RollbackMessage message) {
    rollbackRequest = message;
    event("rollback (" + message.effectiveLevel().json() + ") requested", message.by());
    return status();
  }

  @Override
  public void validateRollback(RollbackMessage message) {
    requireBy(message.by());
    if (rollbackRequest != null || outcome != null) {
      throw new IllegalStateException("a rollback is already under way or the release is over");
    }
  }

  @Override
  public void pauseSignal(PauseMessage message) {
    if (accepted("pause", message.by(), () -> validatePause(message))) {
      pause(message);
    }
  }

  @Override
  public ReleaseStatus pause(PauseMessage message) {
    paused = true;
    state = RunState.PAUSED;
    event("paused", message.by());
    return status();
  }

  @Override
  public void validatePause(PauseMessage message) {
    requireBy(message.by());
    if (paused) {
      throw new IllegalStateException("the release is already paused");
    }
  }

  @Override
  public void resumeSignal(ResumeMessage message) {
    if (accepted("resume", message.by(), () -> validateResume(message))) {
      resume(message);
    }
  }

  @Override
  public ReleaseStatus resume(ResumeMessage message) {
    paused = false;
    state = "waiting".equals(gateState) ? RunState.WAITING : RunState.RUNNING;
    event("resumed", message.by());
    return status();
  }

  @Override
  public void validateResume(ResumeMessage message) {
    requireBy(message.by());
    if (!paused) {
      throw new IllegalStateException("the release is not paused");
    }
  }

  @Override
  public void promoteSignal(PromoteMessage message) {
    if (accepted("promote", message.by(), () -> validatePromote(message))) {
      promote(message);
    }
  }

  @Override
  public ReleaseStatus promote(PromoteMessage message) {
    promoted = true;
    event(message.allWaves() ? "promoted (all waves)" : "promoted", message.by());
    return status();
  }

  @Override
  public void validatePromote(PromoteMessage message) {
    requireBy(message.by());
    if (phase != Phase.PRODUCTION_ROLLOUT) {
      throw new IllegalStateException("nothing to promote in phase " + phase.json());
    }
  }

  @Override
  public void retrySignal(dev.deployflow.model.RetryMessage message) {
    if (accepted("retry", message.by(), () -> validateRetry(message))) {
      retry(message);
    }
  }

  @Override
  public ReleaseStatus retry(dev.deployflow.model.RetryMessage message) {
    event("retry of the failed step", message.by());
    return status();
  }

  @Override
  public void validateRetry(dev.deployflow.model.RetryMessage message) {
    requireBy(message.by());
    requireDecider(message.by(), "retry");
  }

  @Override
  public void skipSignal(dev.deployflow.model.SkipMessage message) {
    if (accepted("skip", message.by(), () -> validateSkip(message))) {
      skip(message);
    }
  }

  @Override
  public ReleaseStatus skip(dev.deployflow.model.SkipMessage message) {
    event("skipped the failed step: " + message.reason(), message.by());
    return status();
  }

  @Override
  public void validateSkip(dev.deployflow.model.SkipMessage message) {
    if (!message.problems().isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", message.problems()));
    }
    requireDecider(message.by(), "skip");
  }

  /** As the real release: retry and skip are for the approvers (the fake has no operators). */
  private void requireDecider(String by, String what) {
    if (!APPROVERS.contains(by)) {
      throw new IllegalArgumentException(by + " may not " + what + ": " + what
          + " is for the production approvers and operators (" + String.join(", ", APPROVERS) + ")");
    }
  }

  private void requireBy(String by) {
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("by: is required");
    }
  }

  private void requireWaitingGate(String gate) {
    if (!"waiting".equals(gateState)) {
      throw new IllegalStateException("no gate is waiting for approval (phase " + phase.json() + ")");
    }
    if (gate != null && !gate.isBlank() && !"production".equals(gate)) {
      throw new IllegalArgumentException("gate " + gate + " is not waiting; production is");
    }
  }

  private boolean accepted(String name, String by, Runnable validator) {
    try {
      validator.run();
      return true;
    } catch (IllegalArgumentException | IllegalStateException e) {
      rejected.add(new RejectedMessage(now(), name, by, e.getMessage()));
      return false;
    }
  }

  /** Moves to a phase and keeps the search attribute current, as the real workflow does. */
  private void enter(Phase next) {
    phase = next;
    Workflow.upsertTypedSearchAttributes(DeploySearchAttributes.PHASE.valueSet(next.json()));
  }

  private void holdIfPaused() {
    Workflow.await(() -> !paused || rollbackRequest != null);
  }

  private void step(Phase next, String description) {
    enter(next);
    state = RunState.RUNNING;
    currentStep = description;
    event(description, null);
    Workflow.await(STEP, () -> rollbackRequest != null);
  }

  // Stop the line is not faked: the client's calendar calls are tested against the real calendar.
  @Override
  public void breakGlassSignal(dev.deployflow.model.BreakGlassMessage message) {}

  @Override
  public ReleaseStatus breakGlass(dev.deployflow.model.BreakGlassMessage message) {
    throw new IllegalStateException("the fake release does not break the glass");
  }

  @Override
  public void validateBreakGlass(dev.deployflow.model.BreakGlassMessage message) {
    throw new IllegalArgumentException("the fake release does not break the glass");
  }

  @Override
  public void freezeLifted(dev.deployflow.model.FreezeLifted message) {}

  private ReleaseResult rollBack(String startedAt) {
    enter(Phase.ROLLBACK);
    currentStep = "rolling back (" + rollbackRequest.effectiveLevel().json() + ")";
    event("rolled back to 1.0.0", rollbackRequest.by());
    return finish(Outcome.ROLLED_BACK, "rolled back by " + rollbackRequest.by(), startedAt);
  }

  private ReleaseResult finish(Outcome end, String summary, String startedAt) {
    outcome = end;
    state = RunState.DONE;
    currentStep = "done";
    event("release " + end.json(), null);
    return new ReleaseResult(request.application(), request.version(), end, "1.0.0", summary,
        startedAt, now());
  }

  private void event(String text, String by) {
    timeline.add(new TimelineEvent(now(), text, by));
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
