package dev.deployflow.client;

import dev.deployflow.model.DoraReport;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseHistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The four DORA figures over an application's releases, a pure function of the listed releases.
 *
 * <ul>
 *   <li>Deployment frequency: succeeded releases per day of the window.
 *   <li>Lead time for changes: the median from {@code committedAt} to live in production, over the
 *       succeeded releases that gave {@code committedAt}.
 *   <li>Change failure rate: releases that rolled back or failed, over the releases that ended in
 *       production terms (succeeded, rolled back, failed); rejected and aborted ones changed nothing
 *       in production and count neither way, running ones are not finished.
 *   <li>Time to restore: the median from the failure that led to a rollback to that rollback done.
 * </ul>
 */
public final class Dora {
  private Dora() {}

  /** The figures over the releases that started in {@code [since, until]}. */
  public static DoraReport compute(String application, List<ReleaseHistoryEntry> releases, Instant since, Instant until) {
    int succeeded = 0;
    int failed = 0;
    List<Double> leadTimes = new ArrayList<>();
    List<Double> restores = new ArrayList<>();
    for (ReleaseHistoryEntry r : releases) {
      Instant started = Instant.parse(r.startedAt());
      if (started.isBefore(since) || started.isAfter(until) || r.outcome() == null) {
        continue;
      }
      if (r.outcome() == Outcome.SUCCEEDED) {
        succeeded++;
        Double lead = seconds(r.committedAt(), r.liveAt());
        if (lead != null) {
          leadTimes.add(Math.max(0, lead));
        }
      } else if (r.outcome() == Outcome.ROLLED_BACK || r.outcome() == Outcome.FAILED) {
        failed++;
      }
      Double restore = seconds(r.failedAt(), r.restoredAt());
      if (restore != null) {
        restores.add(Math.max(0, restore));
      }
    }
    int deployments = succeeded + failed;
    double days = Math.max(1, Duration.between(since, until).toSeconds()) / 86_400.0;
    return new DoraReport(application, since.toString(), until.toString(), deployments, succeeded, failed,
        succeeded / days, median(leadTimes), deployments == 0 ? null : (double) failed / deployments, median(restores));
  }

  /** Parses {@code 30d}, {@code 12h}, {@code 90m} or an ISO-8601 duration such as {@code P7D}. */
  public static Duration parseSince(String text) {
    String t = text == null ? "" : text.trim();
    try {
      if (t.matches("[0-9]{1,6}[dhm]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 'd' -> Duration.ofDays(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        };
      }
      return Duration.parse(t);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("since: '" + t + "' is not a duration such as 30d, 12h, 90m or P7D");
    }
  }

  private static Double seconds(String from, String to) {
    if (from == null || to == null) {
      return null;
    }
    return Duration.between(Instant.parse(from), Instant.parse(to)).toMillis() / 1000.0;
  }

  private static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
