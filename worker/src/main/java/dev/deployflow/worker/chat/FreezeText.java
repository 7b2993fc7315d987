package dev.deployflow.worker.chat;

import dev.deployflow.model.Freeze;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the freeze calendar's freezes as chat text. Every value is escaped for Slack
 * ({@link SlackText}): a freeze's reason is free text typed by whoever placed it, so it must not
 * format, link or notify the channel when another person lists the freezes.
 */
public final class FreezeText {
  private FreezeText() {}

  /** One freeze as a person reads it: {@code freeze-3 (holiday code freeze, by carol, until …)}. */
  public static String describe(Freeze freeze) {
    return SlackText.escape(freeze.describe());
  }

  /** What a freeze holds: {@code every application}, or its applications. */
  public static String applications(Freeze freeze) {
    return freeze.applications().isEmpty()
        ? "every application"
        : SlackText.escape(String.join(", ", freeze.applications()));
  }

  /** The active freezes, one per line, oldest first, with how to lift one. */
  public static String list(List<Freeze> freezes) {
    if (freezes.isEmpty()) {
      return "No active freeze: nothing stops the line.";
    }
    List<String> lines = new ArrayList<>();
    lines.add("*" + freezes.size() + " active freeze" + (freezes.size() == 1 ? "" : "s") + "*");
    for (Freeze f : freezes) {
      lines.add("• " + SlackText.escape(f.id()) + " holds " + applications(f) + " since "
          + SlackText.escape(f.since()) + ", "
          + (f.until() == null ? "until unfrozen" : "until " + SlackText.escape(f.until()))
          + ", by " + SlackText.escape(f.by()) + ": " + SlackText.escape(f.reason()));
    }
    lines.add("Lift one by its id: /deploy unfreeze " + SlackText.escape(freezes.get(0).id()));
    return String.join("\n", lines);
  }
}
