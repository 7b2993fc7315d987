package dev.deployflow.pipeline;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules for what holds a deploy back: approval gates, deploy windows and freezes. */
final class GateRules {
  private GateRules() {}

  static void approval(String path, ApprovalSpec approval, ValidationProblems problems) {
    List<String> approvers = approval.approvers();
    int count = 0;
    if (approvers == null || approvers.isEmpty()) {
      problems.add(path + ".approvers", "at least one approver is required");
    } else {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < approvers.size(); i++) {
        ApplicationRules.person(path + ".approvers[" + i + "]", approvers.get(i), seen, problems);
      }
      count = seen.size();
    }
    if (approval.required() != null && count > 0
        && (approval.required() < 1 || approval.required() > count)) {
      problems.add(path + ".required", "must be between 1 and " + count
          + " (the number of approvers), was " + approval.required());
    }
    Duration timeout = problems.optionalDuration(path + ".timeout", approval.timeout(), true);
    List<String> reminders = approval.remindBefore();
    if (reminders == null) {
      return;
    }
    for (int i = 0; i < reminders.size(); i++) {
      String reminderPath = path + ".remindBefore[" + i + "]";
      Duration before = problems.requiredDuration(reminderPath, reminders.get(i), true);
      if (before != null && timeout != null && before.compareTo(timeout) >= 0) {
        problems.add(reminderPath, "must be shorter than the approval timeout " + approval.timeout());
      } else if (before != null && approval.timeout() == null) {
        problems.add(reminderPath, "needs an approval timeout to count back from");
      }
    }
  }

  static void window(String path, WindowSpec window, ValidationProblems problems) {
    if (window.days() == null || window.days().isEmpty()) {
      problems.add(path + ".days", "at least one day is required, such as [mon, tue, wed, thu]");
    } else {
      Set<DayOfWeek> seen = new HashSet<>();
      for (int i = 0; i < window.days().size(); i++) {
        String dayPath = path + ".days[" + i + "]";
        try {
          if (!seen.add(WindowTimes.day(window.days().get(i)))) {
            problems.add(dayPath, "'" + window.days().get(i) + "' is listed twice");
          }
        } catch (IllegalArgumentException e) {
          problems.add(dayPath, e.getMessage());
        }
      }
    }
    Integer from = time(path + ".from", window.from(), false, problems);
    Integer to = time(path + ".to", window.to(), true, problems);
    if (from != null && to != null && from.equals(to)) {
      problems.add(path + ".to", "must differ from from; a window from 22:00 to 06:00 runs overnight,"
          + " and 00:00 to 24:00 is the whole day");
    }
    try {
      WindowTimes.zone(window.zone());
    } catch (IllegalArgumentException e) {
      problems.add(path + ".zone", e.getMessage());
    }
  }

  private static Integer time(String path, String text, boolean closing, ValidationProblems problems) {
    if (!problems.requireText(path, text)) {
      return null;
    }
    try {
      return WindowTimes.minuteOfDay(text, closing);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
      return null;
    }
  }

  static void freezes(String path, List<FreezeSpec> freezes, ValidationProblems problems) {
    if (freezes == null) {
      return;
    }
    for (int i = 0; i < freezes.size(); i++) {
      String freezePath = path + "[" + i + "]";
      FreezeSpec freeze = freezes.get(i);
      if (freeze == null) {
        problems.add(freezePath, "must not be empty");
        continue;
      }
      Instant from = instant(freezePath + ".from", freeze.from(), problems);
      Instant to = instant(freezePath + ".to", freeze.to(), problems);
      if (from != null && to != null && !from.isBefore(to)) {
        problems.add(freezePath + ".to", "must be after from (" + freeze.from() + ")");
      }
    }
  }

  private static Instant instant(String path, String text, ValidationProblems problems) {
    if (!problems.requireText(path, text)) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeException e) {
      problems.add(path, "'" + text + "' is not an ISO-8601 instant, such as 2026-12-20T00:00:00Z");
      return null;
    }
  }
}
