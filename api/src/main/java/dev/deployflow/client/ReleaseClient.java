package dev.deployflow.client;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.FreezeWaiter;
import dev.deployflow.model.UnfreezeMessage;
import dev.deployflow.model.Outcome;
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
import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.api.DeploymentWorkflow;
import io.grpc.StatusRuntimeException;
import dev.deployflow.api.ReleasePlanWorkflow;
import dev.deployflow.model.PlanPreview;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Starts, inspects and steers releases through the Temporal client: the one facade that the
 * command line, the worker's REST API and the chat endpoint share. It does no I/O of its own.
 *
 * <p>Each release is the workflow {@code deploy-<application>}; every method takes the
 * application name and addresses the latest run under that id. Operator messages go through the
 * update of the same name, so a refusal by the workflow's validator comes back at once as a
 * {@link MessageRefusedException} carrying the validator's text. A failure of the way to
 * Temporal comes back as one of the client's own exceptions ({@link TemporalUnavailableException},
 * {@link TemporalAccessDeniedException}, {@link TemporalRequestFailedException}).
 */
public class ReleaseClient {
  private final WorkflowClient client;
  private final String taskQueue;
  private final FreezeCalendarClient calendar;

  public ReleaseClient(WorkflowClient client, String taskQueue) {
    this.client = Objects.requireNonNull(client, "client");
    this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
    this.calendar = new FreezeCalendarClient(client, taskQueue);
  }

  /** The task queue new releases are started on. */
  public String taskQueue() {
    return taskQueue;
  }

  /**
   * Starts a release of {@code request.application()} under the workflow id
   * {@code deploy-<application>}.
   *
   * @throws IllegalArgumentException when the request is invalid; the message lists every problem
   * @throws ReleaseConflictException when a release of the application is still in flight
   */
  public StartedRelease start(ReleaseRequest request) {
    Objects.requireNonNull(request, "request");
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid release request: " + String.join("; ", problems));
    }
    ReleaseRequest complete = request.withDefaults();
    String workflowId = ReleaseRequest.workflowIdFor(complete.application());
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(taskQueue)
            // The id is a lock held only while a release runs: a closed release frees it.
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setStaticSummary(
                "release " + complete.application() + " " + complete.version()
                    + " requested by " + complete.requestedBy())
            .build();
    WorkflowStub stub = client.newUntypedWorkflowStub(DeploymentWorkflow.TYPE, options);
    return overTransport(() -> {
      try {
        WorkflowExecution execution = stub.start(complete);
        return new StartedRelease(workflowId, execution.getRunId(), complete);
      } catch (WorkflowExecutionAlreadyStarted e) {
        throw conflict(complete.application(), workflowId, e);
      }
    });
  }

  /**
   * The current status of the application's latest release, running or closed.
   *
   * @throws ReleaseNotFoundException when the application has no release
   */
  public ReleaseStatus status(String application) {
    String workflowId = ReleaseRequest.workflowIdFor(application);
    return overTransport(() -> {
      try {
        return stubFor(application).query("status", ReleaseStatus.class);
      } catch (WorkflowNotFoundException e) {
        throw new ReleaseNotFoundException(application, workflowId, e);
      }
    });
  }

  /** Counts one approval for a gate; returns the status after it. */
  public ReleaseStatus approve(String application, ApproveMessage message) {
    return send(application, "approve", message);
  }

  /** Fails the waiting gate; returns the status after it. */
  public ReleaseStatus reject(String application, RejectMessage message) {
    return send(application, "reject", message);
  }

  /** Rolls the release back now; returns the status after the request was accepted. */
  public ReleaseStatus rollback(String application, RollbackMessage message) {
    return send(application, "rollback", message);
  }

  /** Holds the release before its next step; returns the status after it. */
  public ReleaseStatus pause(String application, PauseMessage message) {
    return send(application, "pause", message);
  }

  /** Continues a paused release; returns the status after it. */
  public ReleaseStatus resume(String application, ResumeMessage message) {
    return send(application, "resume", message);
  }

  /** Skips the current wait (or, with {@code full}, all remaining rollout steps). */
  public ReleaseStatus promote(String application, PromoteMessage message) {
    return send(application, "promote", message);
  }

  /** At a decision gate: runs the failed step again; returns the status after it. */
  public ReleaseStatus retry(String application, RetryMessage message) {
    return send(application, "retry", message);
  }

  /** At a decision gate: goes on past a failed smoke test or analysis, recorded; returns the status after it. */
  public ReleaseStatus skip(String application, SkipMessage message) {
    return send(application, "skip", message);
  }

  /** Lets a hotfix pass the freezes that hold it now; returns the status after it. */
  public ReleaseStatus breakGlass(String application, BreakGlassMessage message) {
    return send(application, "breakGlass", message);
  }

  // ---- the freeze calendar (stop the line) ----------------------------------------------------

  /**
   * Places a freeze, starting the calendar {@code deployflow-freezes} when it does not run yet.
   *
   * @return the freeze with its id
   * @throws MessageRefusedException with the calendar's reason (bad input, {@code until} in the past)
   */
  public Freeze freeze(FreezeMessage message) {
    return calendar.freeze(message);
  }

  /**
   * Lifts a freeze; the releases it held are woken.
   *
   * @return the lifted freeze
   * @throws MessageRefusedException when there is no such freeze
   */
  public Freeze unfreeze(UnfreezeMessage message) {
    return calendar.unfreeze(message);
  }

  /** The active freezes, oldest first; none when the calendar was never started. */
  public List<Freeze> freezes() {
    return calendar.freezes();
  }

  /** Registers a held release with the calendar, to be woken when no freeze holds it any more. */
  public void registerFreezeWaiter(FreezeWaiter waiter) {
    calendar.register(waiter);
  }

  /**
   * Waits up to {@code timeout} for the application's latest release to close and returns its
   * result. Rolled back, rejected and aborted releases return normally with that outcome.
   *
   * @throws ReleaseWaitTimeoutException when it is still running after {@code timeout}
   * @throws ReleaseRunFailedException when the run failed, was terminated or timed out
   * @throws ReleaseNotFoundException when the application has no release
   */
  public ReleaseResult awaitResult(String application, Duration timeout) {
    String workflowId = ReleaseRequest.workflowIdFor(application);
    return overTransport(() -> {
      try {
        return stubFor(application)
            .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, ReleaseResult.class);
      } catch (TimeoutException e) {
        throw new ReleaseWaitTimeoutException(application, timeout, e);
      } catch (WorkflowNotFoundException e) {
        throw new ReleaseNotFoundException(application, workflowId, e);
      } catch (WorkflowFailedException e) {
        if (e.getCause() instanceof CanceledFailure) {
          return abortedResult(application);
        }
        throw new ReleaseRunFailedException(
            "the release workflow " + workflowId + " failed: " + Failures.reason(e), e);
      }
    });
  }

  /**
   * The result of a release stopped by a Temporal cancellation. The workflow rolls back and
   * records the outcome {@code aborted}, but the Java SDK always closes a run whose cancellation
   * was requested as Canceled, without a result, so the result is rebuilt from its final status.
   */
  private ReleaseResult abortedResult(String application) {
    ReleaseStatus status = status(application);
    List<ReleaseStatus.TimelineEvent> timeline = status.timeline();
    String startedAt = timeline.isEmpty() ? null : timeline.get(0).at();
    String finishedAt = timeline.isEmpty() ? null : timeline.get(timeline.size() - 1).at();
    String last = timeline.isEmpty() ? "" : ": " + timeline.get(timeline.size() - 1).event();
    return new ReleaseResult(
        application,
        status.version(),
        status.outcome() == null ? Outcome.ABORTED : status.outcome(),
        status.previousVersion(),
        "cancelled through Temporal and rolled back" + last,
        startedAt,
        finishedAt);
  }

  /** How long a plan preview may run before Temporal ends it: it only loads a file and reads versions. */
  static final Duration PLAN_RUN_TIMEOUT = Duration.ofMinutes(5);

  /**
   * What a release of {@code request} would do, computed by the worker without doing it (the
   * {@code ReleasePlanWorkflow} under {@code plan-<application>-<uuid>}); it never touches a release
   * in flight. Waits up to {@code timeout} for the answer.
   *
   * @throws IllegalArgumentException when the request is invalid; the message lists every problem
   * @throws PlanRefusedException when the pipeline cannot be used or a version cannot be read
   * @throws ReleaseClientException when no worker answered within {@code timeout}
   */
  public PlanPreview plan(ReleaseRequest request, Duration timeout) {
    Objects.requireNonNull(request, "request");
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid plan request: " + String.join("; ", problems));
    }
    ReleaseRequest complete = request.withDefaults();
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(ReleasePlanWorkflow.ID_PREFIX + complete.application() + "-" + UUID.randomUUID())
            .setTaskQueue(taskQueue)
            .setWorkflowExecutionTimeout(PLAN_RUN_TIMEOUT)
            .setStaticSummary("plan of " + complete.application() + " " + complete.version())
            .build();
    WorkflowStub stub = client.newUntypedWorkflowStub(ReleasePlanWorkflow.TYPE, options);
    stub.start(complete);
    try {
      return stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, PlanPreview.class);
    } catch (TimeoutException e) {
      throw new ReleaseClientException("no worker answered the plan of " + complete.application() + " within "
          + timeout.toSeconds() + "s: is a deployflow worker polling task queue " + taskQueue + "?", e);
    } catch (WorkflowFailedException e) {
      throw new PlanRefusedException(
          "no plan for " + complete.application() + " " + complete.version() + ": " + Failures.reason(e), e);
    }
  }

  /**
   * The application's past and running releases, newest first, from Temporal's visibility store.
   *
   * @param uiBaseUrl the Temporal UI's address for each run's link, or null for no links
   * @throws VisibilityUnavailableException on a server without visibility (the Java test server)
   */
  public List<dev.deployflow.model.ReleaseHistoryEntry> history(String application, int limit, String uiBaseUrl) {
    return new ReleaseHistory(client).list(application, null, limit, uiBaseUrl);
  }

  /**
   * The DORA figures of the application's releases that started within {@code since} of now.
   *
   * @throws VisibilityUnavailableException on a server without visibility (the Java test server)
   */
  public dev.deployflow.model.DoraReport dora(String application, Duration since) {
    java.time.Instant until = java.time.Instant.now();
    java.time.Instant from = until.minus(since);
    return Dora.compute(application, new ReleaseHistory(client).list(application, from, DORA_LIMIT, null), from, until);
  }

  /** The most releases one DORA computation reads: years of daily releases. */
  private static final int DORA_LIMIT = 10_000;

  /** Whether the application has a release in flight now. */
  public boolean isRunning(String application) {
    return overTransport(() -> {
      try {
        return stubFor(application).describe().getStatus()
            == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      } catch (WorkflowNotFoundException e) {
        return false;
      }
    });
  }

  private ReleaseStatus send(String application, String updateName, Object message) {
    Objects.requireNonNull(message, "message");
    String workflowId = ReleaseRequest.workflowIdFor(application);
    WorkflowStub stub = stubFor(application);
    return overTransport(() -> {
      try {
        return stub.update(updateName, ReleaseStatus.class, message);
      } catch (WorkflowUpdateException e) {
        throw new MessageRefusedException(updateName, Failures.reason(e), e);
      } catch (WorkflowNotFoundException e) {
        // The server says "not found" both for an unknown id and for a closed run; tell them apart
        // so that a late approval reads "already finished" rather than "no release".
        if (exists(stub)) {
          throw new MessageRefusedException(
              updateName,
              application + " has no release in flight: " + workflowId + " has already finished",
              e);
        }
        throw new ReleaseNotFoundException(application, workflowId, e);
      }
    });
  }

  /**
   * Runs one call to Temporal and turns a failure of the way there (a gRPC status, bare or inside
   * a {@code WorkflowServiceException}) into the client's own exceptions ({@link Transport}).
   */
  private <T> T overTransport(Supplier<T> call) {
    try {
      return call.get();
    } catch (WorkflowException | StatusRuntimeException e) {
      ReleaseClientException translated = Transport.translate(address(), e);
      if (translated != null) {
        throw translated;
      }
      throw e;
    }
  }

  private String address() {
    String target = client.getWorkflowServiceStubs().getOptions().getTarget();
    return target == null ? "the configured address" : target;
  }

  private boolean exists(WorkflowStub stub) {
    try {
      stub.describe();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private ReleaseConflictException conflict(
      String application, String workflowId, WorkflowExecutionAlreadyStarted cause) {
    return new ReleaseConflictException(
        application,
        workflowId,
        application + " already has a release in flight: " + describeRunning(application) + " ("
            + workflowId + "). Wait for it, or roll it back: deployflow rollback " + application);
  }

  /**
   * "1.1.0 in phase approval" for the running release. The search attributes the workflow keeps
   * current answer without a worker; the status query is the fallback where they are missing.
   */
  private String describeRunning(String application) {
    try {
      SearchAttributes attributes = stubFor(application).describe().getTypedSearchAttributes();
      String version = attributes.get(DeploySearchAttributes.VERSION);
      String phase = attributes.get(DeploySearchAttributes.PHASE);
      if (version != null && phase != null) {
        return version + " in phase " + phase;
      }
      ReleaseStatus status = status(application);
      return status.version()
          + (status.phase() == null ? "" : " in phase " + status.phase().json());
    } catch (ReleaseClientException | WorkflowException e) {
      // The conflict is certain; only its details could not be read.
      return "a release";
    }
  }

  private WorkflowStub stubFor(String application) {
    return client.newUntypedWorkflowStub(ReleaseRequest.workflowIdFor(application));
  }
}
