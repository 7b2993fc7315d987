package dev.deployflow.client;

import dev.deployflow.api.DeploySearchAttributes;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.model.InputRules;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseHistoryEntry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lists an application's releases from Temporal's visibility store ({@code ListWorkflowExecutions}
 * over the deployflow search attributes), newest first. The conversion of one execution is a pure
 * function ({@link #entry}) so that it is tested without a server.
 */
final class ReleaseHistory {
  private final WorkflowClient client;

  ReleaseHistory(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The application's releases that started at or after {@code since} (all when null), newest
   * first, at most {@code limit}.
   *
   * @throws VisibilityUnavailableException when the server cannot list workflows
   */
  List<ReleaseHistoryEntry> list(String application, Instant since, int limit, String uiBaseUrl) {
    String problem = InputRules.name("application", application);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    // The name rule admits no quote, so the value cannot change the query's structure.
    String query = "WorkflowType = '" + DeploymentWorkflow.TYPE + "' AND "
        + DeploySearchAttributes.APPLICATION.getName() + " = '" + application + "'"
        + (since == null ? "" : " AND StartTime >= '" + since + "'");
    String namespace = client.getOptions().getNamespace();
    Instant now = Instant.now();
    try {
      return client.listExecutions(query)
          .limit(Math.max(0, limit))
          .map(e -> entry(attributes(e.getTypedSearchAttributes()), e.getStartTime(), e.getCloseTime(),
              e.getStatus(), e.getExecution().getWorkflowId(), e.getExecution().getRunId(), namespace, uiBaseUrl, now))
          .sorted(Comparator.comparing(ReleaseHistoryEntry::startedAt).reversed())
          .toList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        throw new VisibilityUnavailableException(e);
      }
      throw new ReleaseClientException("cannot list the releases of " + application + ": "
          + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()), e);
    }
  }

  /** One release from what the visibility store says of its run. Pure. */
  static ReleaseHistoryEntry entry(Map<String, String> attributes, Instant start, Instant close,
      WorkflowExecutionStatus status, String workflowId, String runId, String namespace, String uiBaseUrl, Instant now) {
    String approved = attributes.get(DeploySearchAttributes.APPROVED_BY.getName());
    long seconds = Duration.between(start, close == null ? now : close).toSeconds();
    return new ReleaseHistoryEntry(
        attributes.get(DeploySearchAttributes.APPLICATION.getName()),
        attributes.get(DeploySearchAttributes.VERSION.getName()),
        outcome(attributes.get(DeploySearchAttributes.OUTCOME.getName()), status),
        attributes.get(DeploySearchAttributes.REQUESTED_BY.getName()),
        approved == null || approved.isBlank() ? List.of() : Arrays.asList(approved.split(",")),
        start.toString(),
        close == null ? null : close.toString(),
        Math.max(0, seconds),
        runId,
        uiLink(uiBaseUrl, namespace, workflowId, runId),
        attributes.get(DeploySearchAttributes.COMMITTED_AT.getName()),
        attributes.get(DeploySearchAttributes.LIVE_AT.getName()),
        attributes.get(DeploySearchAttributes.FAILED_AT.getName()),
        attributes.get(DeploySearchAttributes.RESTORED_AT.getName()));
  }

  /**
   * The outcome the release recorded; a run that closed without one (terminated, timed out, failed
   * on invalid input or an incomplete rollback) failed, and a cancelled one was aborted.
   */
  static Outcome outcome(String recorded, WorkflowExecutionStatus status) {
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return null;
    }
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_FAILED, WORKFLOW_EXECUTION_STATUS_TERMINATED,
          WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> Outcome.FAILED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> Outcome.ABORTED;
      default -> recorded == null ? null : Outcome.fromJson(recorded);
    };
  }

  /** The run's page in the Temporal UI, or null without a UI address. */
  static String uiLink(String uiBaseUrl, String namespace, String workflowId, String runId) {
    if (uiBaseUrl == null || uiBaseUrl.isBlank()) {
      return null;
    }
    String base = uiBaseUrl.endsWith("/") ? uiBaseUrl.substring(0, uiBaseUrl.length() - 1) : uiBaseUrl;
    Function<String, String> enc = s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    return base + "/namespaces/" + enc.apply(namespace) + "/workflows/" + enc.apply(workflowId) + "/"
        + enc.apply(runId) + "/history";
  }

  private static Map<String, String> attributes(SearchAttributes typed) {
    Map<String, String> values = new java.util.HashMap<>();
    for (SearchAttributeKey<String> key : DeploySearchAttributes.ALL) {
      String value = typed.get(key);
      if (value != null) {
        values.put(key.getName(), value);
      }
    }
    return values;
  }
}
