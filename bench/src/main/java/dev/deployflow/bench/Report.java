package dev.deployflow.bench;

import java.util.List;
import java.util.Map;

/** The Markdown table of one run, as README "Performance" shows it. */
final class Report {
  private Report() {}

  /** key, what it is, goal. */
  private static final List<String[]> ROWS = List.of(
      new String[] {"releasesPerSecond", "standard releases per second (N at once)", ""},
      new String[] {"baselinePerSecond", "baseline runs per second (same calls and timers)", ""},
      new String[] {"overheadRatio", "time per release, ours / baseline", "≤ 1.15"},
      new String[] {"overheadRatioPerRound", "the same, each round (ours and baseline batches alternate)", ""},
      new String[] {"cpuSecondsPerRelease", "worker CPU s per release", ""},
      new String[] {"cpuSecondsPerBaseline", "worker CPU s per baseline run", ""},
      new String[] {"cpuRatio", "CPU per release, ours / baseline", ""},
      new String[] {"workflowTasksPerRelease", "workflow tasks per release (all runs)", ""},
      new String[] {"workflowTasksPerBaseline", "workflow tasks per baseline run", ""},
      new String[] {"childRunsPerRelease", "child workflow runs per release", ""},
      new String[] {"approveUpdateP50Ms", "approve update, median (release parked at the gate)", "20"},
      new String[] {"approveUpdateP99Ms", "approve update, p99", "100"},
      new String[] {"baselineApproveP50Ms", "the baseline's approve update, median (parked at its gate; no deployflow logic)", ""},
      new String[] {"baselineApproveP99Ms", "the baseline's approve update, p99", ""},
      new String[] {"approveAcceptedToCompletedP50Ms", "approve: update accepted → completed in history", ""},
      new String[] {"approveAnswerWaitTimers", "answer-wait timers the approvals started", ""},
      new String[] {"approveTaskScheduleToStartP50Ms", "approve: its workflow task queued (schedule → start)", ""},
      new String[] {"approveTaskStartToCompleteP50Ms", "approve: its workflow task on the worker (start → complete)", ""},
      new String[] {"approveUnderLoadP50Ms", "approve update during the overhead run, median", ""},
      new String[] {"approveUnderLoadP99Ms", "approve update during the overhead run, p99", ""},
      new String[] {"answerWaitTimersPerRelease", "answer-wait timers per release in the overhead run", ""},
      new String[] {"approveDuringNotificationP50Ms", "approve sent while the 300 ms approval notification runs, median", ""},
      new String[] {"approveDuringNotificationAnswerWaitTimers", "answer-wait timers those approvals started", ""},
      new String[] {"statusQueryP50Ms", "status query, median", ""},
      new String[] {"breachToRollbackMs", "failing measurement → first compensation activity, median", "≤ 500"},
      new String[] {"breachToRollbackMaxMs", "the same, slowest", ""},
      new String[] {"breachToRollbackWorkflowTasks", "workflow tasks completed in between (one release)", ""},
      new String[] {"parkedReleases", "releases parked at the approval gate", "≥ 2,000"},
      new String[] {"heapBytesPerParkedRelease", "worker heap after GC per parked release (bytes)", "2,000 in ≤ 1 GiB"},
      new String[] {"parkSeconds", "time to park them all (s)", ""},
      new String[] {"approvedAndSucceeded", "of them approved and succeeded after cache eviction", "all"},
      new String[] {"approveAllToCompletedSeconds", "approving all to all completed (s)", ""},
      new String[] {"eventsPerStandardRelease", "events in a standard release's own history", "≤ 300"},
      new String[] {"eventsPerStandardReleaseAllRuns", "events in the release and all its children", ""},
      new String[] {"eventsLargestRunSevenDayWindow", "largest run, 7-day window with 1-minute checks", "< 1,000"},
      new String[] {"sevenDayWindowParentEvents", "release's own events, 7-day window", ""},
      new String[] {"longCanaryParentEvents", "release's own events, canary of 2 × 2,000 measurements", "(was 442)"},
      new String[] {"longCanaryLargestRun", "largest run of that canary", ""});

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> results) {
    Map<String, Object> servers = (Map<String, Object>) results.get("servers");
    StringBuilder md = new StringBuilder("| figure | ");
    servers.keySet().forEach(s -> md.append(s).append(" | "));
    md.append("goal |\n|---|");
    servers.keySet().forEach(s -> md.append("---:|"));
    md.append("---|\n");
    for (String[] row : ROWS) {
      boolean any = servers.values().stream().anyMatch(f -> ((Map<String, Object>) f).containsKey(row[0]));
      if (!any) {
        continue;
      }
      md.append("| ").append(row[1]).append(" (`").append(row[0]).append("`) | ");
      for (Object f : servers.values()) {
        Object v = ((Map<String, Object>) f).get(row[0]);
        md.append(v == null ? "–" : v).append(" | ");
      }
      md.append(row[2]).append(" |\n");
    }
    Map<String, Object> options = (Map<String, Object>) results.get("options");
    md.append("\nMachine: ").append(Machine.line((Map<String, Object>) results.get("machine"))).append(". Run: ")
        .append(options).append(", ").append(results.get("seconds")).append(" s.\n");
    return md.toString();
  }
}
