package dev.deployflow.workflow;

import com.uber.m3.tally.Scope;
import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.RollbackLevel;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The release metrics of CONTRACT.md ("Metrics") and the search attributes that history and DORA
 * read back from Temporal's visibility store.
 *
 * <p>Every metric goes through {@link Workflow#getMetricsScope()}, which the SDK silences while a
 * workflow replays: a release is counted once however often a worker replays it. The names are
 * tally names; the worker's Micrometer reporter turns them into the Prometheus names
 * ({@code deployflow_releases_started} into {@code deployflow_releases_started_total}, the timer
 * {@code deployflow_release_duration} into {@code deployflow_release_duration_seconds}).
 *
 * <p>The moments a later metric needs (live in production, the failing signal) are kept in a
 * {@link WorkflowLocal}, so that the few calls in the workflow code need no extra parameters.
 */
public final class ReleaseTelemetry {
  public static final String STARTED = "deployflow_releases_started";
  public static final String FINISHED = "deployflow_releases_finished";
  public static final String DURATION = "deployflow_release_duration";
  public static final String GATE_WAIT = "deployflow_gate_wait";
  public static final String ROLLBACKS = "deployflow_rollbacks";
  public static final String MEASUREMENTS = "deployflow_analysis_measurements";
  public static final String LEAD_TIME = "deployflow_lead_time";
  public static final String TIME_TO_RESTORE = "deployflow_time_to_restore";

  /** What triggered a rollback, the {@code trigger} label. */
  public enum Trigger {
    AUTOMATIC, MANUAL, CANCEL;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The moments of one release run, per workflow instance. */
  private static final class Moments {
    long liveAt = -1;
    long failingAt = -1;
    long restoredAt = -1;
  }

  private static final WorkflowLocal<Moments> MOMENTS = WorkflowLocal.withCachedInitial(Moments::new);

  private ReleaseTelemetry() {}

  /** The release started (after its input was accepted). */
  static void started(ReleaseRequest request) {
    scope(Map.of("application", request.application(), "kind", request.kind().json()))
        .counter(STARTED).inc(1);
  }

  /** The production rollout is complete: the version is live in production. */
  static void live() {
    MOMENTS.get().liveAt = Workflow.currentTimeMillis();
  }

  /** Something failed that may lead to a rollback: the start of the time to restore. */
  static void failing() {
    Moments moments = MOMENTS.get();
    if (moments.failingAt < 0) {
      moments.failingAt = Workflow.currentTimeMillis();
    }
  }

  /** A gate closed after waiting {@code waitedMillis}. */
  static void gateDecided(String application, String gate, GateKind kind, long waitedMillis) {
    scope(Map.of("application", application, "gate", gate, "kind", kind.json()))
        .timer(GATE_WAIT).record(millis(waitedMillis));
  }

  /** A rollback finished: counted, and the time from the failing signal to now recorded. */
  static void rolledBack(String application, RollbackLevel level, Trigger trigger) {
    Moments moments = MOMENTS.get();
    failing();
    moments.restoredAt = Workflow.currentTimeMillis();
    scope(Map.of("application", application, "level", level.json(), "trigger", trigger.label()))
        .counter(ROLLBACKS).inc(1);
    scope(Map.of("application", application))
        .timer(TIME_TO_RESTORE).record(millis(moments.restoredAt - moments.failingAt));
  }

  /** An analysis measurement was taken and classified. */
  static void measured(String application, String metric, String result) {
    scope(Map.of("application", application, "metric", metric, "result", result))
        .counter(MEASUREMENTS).inc(1);
  }

  /**
   * The release completed: the finished counter and the duration, the lead time of a succeeded
   * release with a {@code committedAt}.
   */
  static void completed(ReleaseRequest request, Outcome outcome, long startedMillis) {
    Moments moments = MOMENTS.get();
    long now = Workflow.currentTimeMillis();
    Map<String, String> tags = Map.of("application", request.application(), "outcome", outcome.json());
    scope(tags).counter(FINISHED).inc(1);
    scope(tags).timer(DURATION).record(millis(now - startedMillis));
    Long committed = committedMillis(request.committedAt());
    if (outcome == Outcome.SUCCEEDED && committed != null && moments.liveAt >= 0) {
      scope(Map.of("application", request.application()))
          .timer(LEAD_TIME).record(millis(Math.max(0, moments.liveAt - committed)));
    }
  }

  /**
   * The search attributes history and DORA read, beside the outcome: who approved, committedAt,
   * live in production, the failure and its restoration. They go out in the same upsert as the
   * outcome ({@code DeploymentWorkflowImpl.Visibility}), so that a release records no extra command.
   */
  static io.temporal.common.SearchAttributeUpdate<?>[] withCompletion(
      io.temporal.common.SearchAttributeUpdate<?> outcome, String committedAt, List<String> approvedBy) {
    Moments moments = MOMENTS.get();
    List<io.temporal.common.SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(outcome);
    if (!approvedBy.isEmpty()) {
      updates.add(DeploySearchAttributes.APPROVED_BY.valueSet(String.join(",", approvedBy)));
    }
    Long committed = committedMillis(committedAt);
    if (committed != null) {
      updates.add(DeploySearchAttributes.COMMITTED_AT.valueSet(Instant.ofEpochMilli(committed).toString()));
    }
    if (moments.liveAt >= 0) {
      updates.add(DeploySearchAttributes.LIVE_AT.valueSet(Instant.ofEpochMilli(moments.liveAt).toString()));
    }
    if (moments.restoredAt >= 0) {
      updates.add(DeploySearchAttributes.FAILED_AT.valueSet(Instant.ofEpochMilli(moments.failingAt).toString()));
      updates.add(DeploySearchAttributes.RESTORED_AT.valueSet(Instant.ofEpochMilli(moments.restoredAt).toString()));
    }
    return updates.toArray(new io.temporal.common.SearchAttributeUpdate<?>[0]);
  }

  /** The application of a child workflow: its parent's workflow id is {@code deploy-<application>}. */
  static String applicationOfParent() {
    String parent = Workflow.getInfo().getParentWorkflowId().orElse("");
    return parent.startsWith("deploy-") ? parent.substring("deploy-".length()) : parent;
  }

  private static Long committedMillis(String committedAt) {
    if (committedAt == null || committedAt.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(committedAt).toEpochMilli();
    } catch (DateTimeParseException e) {
      // The input rules refuse such a request before it runs; a release never fails on it here.
      return null;
    }
  }

  private static Scope scope(Map<String, String> tags) {
    return Workflow.getMetricsScope().tagged(tags);
  }

  private static com.uber.m3.util.Duration millis(long millis) {
    return com.uber.m3.util.Duration.ofMillis(Math.max(0, millis));
  }
}
