package dev.deployflow.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the baseline does, read from the histories of one real release: each activity it
 * scheduled (type, timeout and the very input payload, with the application's name made a
 * placeholder), each local activity, each timer that fired, and the approval gate, all in the
 * order of their timestamps. Cancelled timers (waits that a message or a result ended early) are
 * deployflow's logic and are left out.
 */
record BaselineScript(List<Step> steps) {
  static final String APP = "@@APP@@";

  /** One thing the baseline does. */
  record Step(Kind kind, String activityType, Duration timeout, String input) {}

  enum Kind { ACTIVITY, LOCAL_ACTIVITY, TIMER, GATE }

  /**
   * The script in use. The baseline reads it from this static field, set before any worker starts
   * and never changed during a run: a benchmark-only shortcut that keeps the script out of each
   * baseline's input (and history).
   */
  static volatile BaselineScript current = new BaselineScript(List.of());

  static BaselineScript from(HistoryTree tree, String application, String localMeasureInput) {
    List<HistoryEvent> kept = new ArrayList<>();
    for (HistoryTree.Run run : tree.runs()) {
      Set<Long> fired = new HashSet<>();
      run.events().stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED)
          .forEach(e -> fired.add(e.getTimerFiredEventAttributes().getStartedEventId()));
      for (HistoryEvent e : run.events()) {
        boolean firedTimer = e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED && fired.contains(e.getEventId());
        boolean localActivity = e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
            && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity");
        if (firedTimer || localActivity || e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
          kept.add(e);
        }
      }
    }
    // A stable sort: events of one run that share a timestamp keep their order.
    kept.sort(java.util.Comparator.comparingLong(HistoryTree::millis));
    List<Step> steps = new ArrayList<>();
    for (HistoryEvent e : kept) {
      switch (e.getEventType()) {
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var a = e.getActivityTaskScheduledEventAttributes();
          String input = a.getInput().getPayloadsCount() == 0 ? "null"
              : a.getInput().getPayloads(0).getData().toString(StandardCharsets.UTF_8);
          input = input.replace("\"" + application + "\"", "\"" + APP + "\"");
          Duration timeout = Duration.ofSeconds(a.getStartToCloseTimeout().getSeconds());
          steps.add(new Step(Kind.ACTIVITY, a.getActivityType().getName(), timeout, input));
          if (a.getActivityType().getName().equals("SendNotification") && input.matches("(?s).*\"event\"\\s*:\\s*\"awaiting_approval\".*")) {
            steps.add(new Step(Kind.GATE, null, null, null));
          }
        }
        case EVENT_TYPE_MARKER_RECORDED -> steps.add(new Step(Kind.LOCAL_ACTIVITY, "Measure", Duration.ofMinutes(1), localMeasureInput));
        case EVENT_TYPE_TIMER_STARTED -> {
          var t = e.getTimerStartedEventAttributes().getStartToFireTimeout();
          steps.add(new Step(Kind.TIMER, null, Duration.ofSeconds(t.getSeconds(), t.getNanos()), null));
        }
        default -> { }
      }
    }
    return new BaselineScript(List.copyOf(steps));
  }

  long count(Kind kind) {
    return steps.stream().filter(s -> s.kind() == kind).count();
  }

  String describe() {
    return count(Kind.ACTIVITY) + " activities, " + count(Kind.LOCAL_ACTIVITY) + " local activities, "
        + count(Kind.TIMER) + " timers, " + count(Kind.GATE) + " gate";
  }
}
