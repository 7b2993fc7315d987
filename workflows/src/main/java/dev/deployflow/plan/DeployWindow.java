package dev.deployflow.plan;

import dev.deployflow.pipeline.WindowSpec;
import dev.deployflow.pipeline.WindowTimes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@link WindowSpec}: the days it opens on, the local opening and closing times and its
 * zone. A window whose closing time is before its opening time runs overnight into the next day,
 * and belongs to the day it opens on. Local times become instants through {@link ZonedDateTime},
 * so a window keeps its local hours across daylight-saving changes; a local time that does not
 * exist on a spring-forward day moves forward by the gap, as {@code ZonedDateTime} does.
 */
record DeployWindow(Set<DayOfWeek> days, int fromMinute, int toMinute, ZoneId zone) {

  /** The days a week needs to be scanned for, plus the day before (an overnight window). */
  private static final int SCAN_DAYS = 15;

  /** One opening of the window: open from {@code start} (inclusive) to {@code end} (exclusive). */
  record Opening(Instant start, Instant end) {}

  static DeployWindow parse(WindowSpec spec) {
    if (spec.days() == null || spec.days().isEmpty()) {
      throw new IllegalArgumentException("window.days: at least one day is required");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : spec.days()) {
      days.add(WindowTimes.day(day));
    }
    int from = WindowTimes.minuteOfDay(spec.from(), false);
    int to = WindowTimes.minuteOfDay(spec.to(), true);
    if (from == to) {
      throw new IllegalArgumentException("window.to: must differ from window.from");
    }
    return new DeployWindow(days, from, to, WindowTimes.zone(spec.zone()));
  }

  /**
   * The first opening that has not ended at {@code t}: the one {@code t} is in, or the next one.
   * Null only when no day in the scanned weeks has a non-empty opening.
   */
  Opening openingAtOrAfter(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i < SCAN_DAYS; i++, day = day.plusDays(1)) {
      if (!days.contains(day.getDayOfWeek())) {
        continue;
      }
      Instant start = at(day, fromMinute);
      Instant end = toMinute > fromMinute ? at(day, toMinute) : at(day.plusDays(1), toMinute);
      // A window inside a spring-forward gap has no hours that day.
      if (start.isBefore(end) && end.isAfter(t)) {
        return new Opening(start, end);
      }
    }
    return null;
  }

  private Instant at(LocalDate day, int minuteOfDay) {
    return ZonedDateTime.of(day.atStartOfDay().plusMinutes(minuteOfDay), zone).toInstant();
  }

  /** The window as a person reads it: {@code mon-thu 09:00-16:00 Europe/Berlin}. */
  String describe() {
    return dayRanges() + " " + WindowTimes.formatMinute(fromMinute) + "-"
        + WindowTimes.formatMinute(toMinute) + " " + zone.getId();
  }

  /** Days Monday first, runs of three or more written as a range: {@code mon-thu,sat}. */
  private String dayRanges() {
    List<String> parts = new ArrayList<>();
    int i = 1;
    while (i <= 7) {
      if (!days.contains(DayOfWeek.of(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < 7 && days.contains(DayOfWeek.of(end + 1))) {
        end++;
      }
      if (end - i >= 2) {
        parts.add(WindowTimes.dayName(DayOfWeek.of(i)) + "-" + WindowTimes.dayName(DayOfWeek.of(end)));
      } else {
        for (int d = i; d <= end; d++) {
          parts.add(WindowTimes.dayName(DayOfWeek.of(d)));
        }
      }
      i = end + 1;
    }
    return String.join(",", parts);
  }
}
