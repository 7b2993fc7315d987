package dev.deployflow.bench;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The histories of one release: its own run and every run of every child it started (children
 * that continued as new contribute each of their runs), as the server recorded them.
 */
record HistoryTree(List<Run> runs) {

  /** One run's history. */
  record Run(String workflowType, String workflowId, String runId, boolean root, List<HistoryEvent> events) {}

  static HistoryTree of(WorkflowClient client, String workflowId) {
    List<Run> runs = new ArrayList<>();
    collect(client, workflowId, null, true, runs);
    return new HistoryTree(runs);
  }

  private static void collect(WorkflowClient client, String workflowId, String runId, boolean root, List<Run> runs) {
    List<HistoryEvent> events = client.fetchHistory(workflowId, runId).getEvents();
    String type = events.isEmpty() ? "?" : events.get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
    String actualRun = runId;
    runs.add(new Run(type, workflowId, actualRun, root, events));
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
        WorkflowExecution child = e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
        collect(client, child.getWorkflowId(), child.getRunId(), false, runs);
      } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW && !root) {
        collect(client, workflowId, e.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId(), false, runs);
      }
    }
  }

  /** The root run's events. */
  List<HistoryEvent> rootEvents() {
    return runs.get(0).events();
  }

  /** The largest number of events in one run of the tree. */
  int largestRun() {
    return runs.stream().mapToInt(r -> r.events().size()).max().orElse(0);
  }

  /** Every run's events, in the order of their timestamps. */
  List<HistoryEvent> allByTime() {
    List<HistoryEvent> all = new ArrayList<>();
    runs.forEach(r -> all.addAll(r.events()));
    all.sort(java.util.Comparator.comparingLong(HistoryTree::millis));
    return all;
  }

  static long millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1000L + e.getEventTime().getNanos() / 1_000_000;
  }

  /** A one-line-per-event dump, for the probe. */
  String describe() {
    StringBuilder out = new StringBuilder();
    for (Run run : runs) {
      out.append("== ").append(run.workflowType()).append(' ').append(run.workflowId()).append(" (")
          .append(run.events().size()).append(" events)\n");
      for (HistoryEvent e : run.events()) {
        out.append("  ").append(e.getEventId()).append(' ').append(e.getEventType().name().replace("EVENT_TYPE_", ""));
        if (e.hasActivityTaskScheduledEventAttributes()) {
          out.append(' ').append(e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
        }
        if (e.hasTimerStartedEventAttributes()) {
          out.append(' ').append(e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds()).append('s');
        }
        if (e.hasMarkerRecordedEventAttributes()) {
          out.append(' ').append(e.getMarkerRecordedEventAttributes().getMarkerName());
        }
        if (e.hasStartChildWorkflowExecutionInitiatedEventAttributes()) {
          out.append(' ').append(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowType().getName());
        }
        if (e.hasWorkflowExecutionSignaledEventAttributes()) {
          out.append(' ').append(e.getWorkflowExecutionSignaledEventAttributes().getSignalName());
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** How many events of each type, most frequent first: where a history's length comes from. */
  static java.util.Map<String, Long> byType(List<HistoryEvent> events) {
    return counted(events.stream().map(e -> shortName(e.getEventType())).toList());
  }

  /**
   * For each workflow task, the event that woke the workflow (the last event before the task was
   * scheduled that is not a workflow task's own): what each of its workflow tasks was for.
   */
  static java.util.Map<String, Long> wakeUps(List<HistoryEvent> events) {
    List<String> causes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType() != EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
        continue;
      }
      String cause = "?";
      for (int j = i - 1; j >= 0; j--) {
        String name = shortName(events.get(j).getEventType());
        if (!name.startsWith("WORKFLOW_TASK_")) {
          cause = name;
          break;
        }
      }
      causes.add(cause);
    }
    return counted(causes);
  }

  private static String shortName(EventType type) {
    return type.name().replace("EVENT_TYPE_", "");
  }

  private static java.util.Map<String, Long> counted(List<String> names) {
    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
    names.stream().collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()))
        .entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }
}
