package dev.deployflow.activities.releaselog;

import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.util.List;

/** Small helpers shared by the release history and the post-mortem. */
final class Markdown {
  private Markdown() {}

  /** Text for one table cell: no pipes, no line breaks, a dash when empty. */
  static String cell(String text) {
    if (text == null || text.isBlank()) {
      return "—";
    }
    return inline(text).replace("|", "\\|");
  }

  /** Text for one line: line breaks become spaces. */
  static String inline(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : inline(text);
  }

  static String names(List<String> names) {
    return names == null || names.isEmpty() ? "—" : String.join(", ", names.stream().map(Markdown::inline).toList());
  }

  static void bullets(StringBuilder out, List<String> items, String whenEmpty) {
    if (items == null || items.isEmpty()) {
      out.append("- ").append(whenEmpty).append('\n');
      return;
    }
    items.forEach(item -> out.append("- ").append(inline(item)).append('\n'));
  }

  static void timeline(StringBuilder out, List<TimelineEvent> events) {
    if (events == null || events.isEmpty()) {
      out.append("- (no events recorded)\n");
      return;
    }
    for (TimelineEvent event : events) {
      out.append("- `").append(orDash(event.at())).append("` ").append(inline(event.event()));
      if (event.by() != null && !event.by().isBlank()) {
        out.append(" — by ").append(inline(event.by()));
      }
      out.append('\n');
    }
  }

  static void compensations(StringBuilder out, List<CompensationStatus> compensations, String whenEmpty) {
    // A compensation that was never needed (the release succeeded) says nothing to a reader.
    List<CompensationStatus> shown = compensations == null
        ? List.of()
        : compensations.stream().filter(c -> c.state() != dev.deployflow.model.CompensationState.NOT_RUN).toList();
    if (shown.isEmpty()) {
      out.append("- ").append(whenEmpty).append('\n');
      return;
    }
    for (CompensationStatus c : shown) {
      out.append("- ").append(inline(c.action())).append(": **").append(orDash(c.state() == null ? null : c.state().json())).append("**");
      if (c.detail() != null && !c.detail().isBlank()) {
        out.append(" — ").append(inline(c.detail()));
      }
      out.append('\n');
    }
  }
}
