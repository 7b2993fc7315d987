package dev.deployflow.workflow.support;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads histories in tests, and records them for the replay tests: run the module's tests with
 * {@code -Ddeployflow.recordHistories=true} and the histories of the recording tests are written
 * to {@code src/test/resources/histories/<name>.json}, to be committed. Re-record them whenever a
 * change to the workflow code alters its commands (before the first release tag; after it, guard
 * such changes with {@code Workflow.getVersion}).
 */
public final class Histories {
  /** The system property that turns recording on. */
  public static final String RECORD = "deployflow.recordHistories";
  /** Where recorded histories live, relative to the module. */
  public static final Path DIRECTORY = Path.of("src", "test", "resources", "histories");

  private Histories() {}

  /** Writes the history as {@code <name>.json} when recording is on; returns whether it did. */
  public static boolean recordIfAsked(String name, WorkflowExecutionHistory history) {
    if (!Boolean.getBoolean(RECORD)) {
      return false;
    }
    try {
      Files.createDirectories(DIRECTORY);
      Files.writeString(DIRECTORY.resolve(name + ".json"), history.toJson(true));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One event that carries user metadata, as the Temporal UI shows it. */
  public record Summarised(EventType type, String summary) {}

  /**
   * The events of the kinds that must carry a human summary (activities, timers, child workflows),
   * with their summaries ("" when missing).
   */
  public static List<Summarised> summarised(WorkflowExecutionHistory history) {
    List<Summarised> out = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      EventType type = event.getEventType();
      if (type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          || type == EventType.EVENT_TYPE_TIMER_STARTED
          || type == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
        out.add(new Summarised(type, summary(event)));
      }
    }
    return out;
  }

  /** The event's human summary, as the Temporal UI shows it; "" when it has none. */
  public static String summary(HistoryEvent event) {
    return event.hasUserMetadata() && event.getUserMetadata().hasSummary()
        ? DefaultDataConverter.STANDARD_INSTANCE.fromPayload(event.getUserMetadata().getSummary(), String.class, String.class)
        : "";
  }

  /** How many events of the type the history holds. */
  public static long count(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream().filter(e -> e.getEventType() == type).count();
  }
}
