package dev.deployflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.pipeline.FreezeSpec;
import dev.deployflow.pipeline.PipelineSamples;
import dev.deployflow.pipeline.WindowSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deploy windows and freezes. Times are UTC instants; Berlin is UTC+1 in winter (CET) and UTC+2
 * in summer (CEST). 2026-12-07 is a Monday.
 */
class DeployWindowsTest {
  private static final WindowSpec BERLIN_OFFICE_HOURS =
      new WindowSpec(List.of("mon", "tue", "wed", "thu"), "09:00", "16:00", "Europe/Berlin");
  private static final String WINDOW = "deploy window mon-thu 09:00-16:00 Europe/Berlin";
  private static final FreezeSpec HOLIDAYS =
      new FreezeSpec("2026-12-20T00:00:00Z", "2027-01-04T00:00:00Z", "holidays");

  private static WindowDecision check(String now, WindowSpec window, FreezeSpec... freezes) {
    return DeployWindows.check(Instant.parse(now), window, List.of(freezes));
  }

  private static void assertClosed(WindowDecision decision, String opensAt, String reason) {
    assertThat(decision.open()).isFalse();
    assertThat(decision.opensAt()).isEqualTo(Instant.parse(opensAt));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @Test
  void isOpenInsideTheWindow() {
    WindowDecision decision = check("2026-12-08T09:00:00Z", BERLIN_OFFICE_HOURS, HOLIDAYS);

    assertThat(decision).isEqualTo(
        new WindowDecision(true, Instant.parse("2026-12-08T09:00:00Z"), "inside " + WINDOW));
  }

  @Test
  void opensAtTheOpeningTimeAndClosesAtTheClosingTime() {
    assertThat(check("2026-12-08T08:00:00Z", BERLIN_OFFICE_HOURS).open()).isTrue();
    assertThat(check("2026-12-08T14:59:59Z", BERLIN_OFFICE_HOURS).open()).isTrue();
    assertClosed(check("2026-12-08T15:00:00Z", BERLIN_OFFICE_HOURS),
        "2026-12-09T08:00:00Z", "outside " + WINDOW + "; opens Wed 2026-12-09 09:00 CET");
  }

  @Test
  void beforeTheWindowItOpensTheSameMorning() {
    assertClosed(check("2026-12-08T06:00:00Z", BERLIN_OFFICE_HOURS),
        "2026-12-08T08:00:00Z", "outside " + WINDOW + "; opens Tue 2026-12-08 09:00 CET");
  }

  @Test
  void afterTheWindowItOpensTheNextWorkingDay() {
    assertClosed(check("2026-12-08T16:00:00Z", BERLIN_OFFICE_HOURS),
        "2026-12-09T08:00:00Z", "outside " + WINDOW + "; opens Wed 2026-12-09 09:00 CET");
  }

  @Test
  void overTheWeekendItOpensOnMonday() {
    assertClosed(check("2026-12-04T09:00:00Z", BERLIN_OFFICE_HOURS),
        "2026-12-07T08:00:00Z", "outside " + WINDOW + "; opens Mon 2026-12-07 09:00 CET");
    assertClosed(check("2026-12-10T15:30:00Z", BERLIN_OFFICE_HOURS),
        "2026-12-14T08:00:00Z", "outside " + WINDOW + "; opens Mon 2026-12-14 09:00 CET");
  }

  @Test
  void aFreezeEndingOutsideTheWindowHoldsUntilTheWindowOpens() {
    assertClosed(check("2026-12-22T09:00:00Z", BERLIN_OFFICE_HOURS, HOLIDAYS),
        "2027-01-04T08:00:00Z",
        "freeze 'holidays' until 2027-01-04T00:00:00Z, then outside " + WINDOW + "; opens Mon 2027-01-04 09:00 CET");
  }

  @Test
  void aFreezeEndingMidWeekendHoldsUntilMonday() {
    FreezeSpec incident = new FreezeSpec("2026-12-10T00:00:00Z", "2026-12-12T12:00:00Z", "incident review");

    assertClosed(check("2026-12-10T09:00:00Z", BERLIN_OFFICE_HOURS, incident),
        "2026-12-14T08:00:00Z",
        "freeze 'incident review' until 2026-12-12T12:00:00Z, then outside " + WINDOW
            + "; opens Mon 2026-12-14 09:00 CET");
  }

  @Test
  void aFreezeEndingInsideTheWindowOpensWhenItEnds() {
    FreezeSpec morning = new FreezeSpec("2026-12-08T07:00:00Z", "2026-12-08T10:30:00Z", null);

    assertClosed(check("2026-12-08T08:30:00Z", BERLIN_OFFICE_HOURS, morning),
        "2026-12-08T10:30:00Z", "freeze until 2026-12-08T10:30:00Z; opens Tue 2026-12-08 11:30 CET");
  }

  @Test
  void aFreezeHoldsFromItsStartUntilJustBeforeItsEnd() {
    assertThat(check("2026-12-20T00:00:00Z", null, HOLIDAYS).open()).isFalse();
    assertThat(check("2026-12-19T23:59:59Z", null, HOLIDAYS).open()).isTrue();
    assertThat(check("2027-01-04T00:00:00Z", null, HOLIDAYS).open()).isTrue();
  }

  @Test
  void withoutAWindowOnlyFreezesHold() {
    assertThat(check("2026-12-05T03:00:00Z", null)).isEqualTo(
        new WindowDecision(true, Instant.parse("2026-12-05T03:00:00Z"), "no deploy window and no freeze"));
    assertClosed(check("2026-12-25T12:00:00Z", null, HOLIDAYS),
        "2027-01-04T00:00:00Z", "freeze 'holidays' until 2027-01-04T00:00:00Z");
    assertThat(DeployWindows.check(Instant.parse("2026-12-05T03:00:00Z"), null, null).open()).isTrue();
  }

  @Test
  void overlappingFreezesHoldUntilTheLastEnds() {
    FreezeSpec first = new FreezeSpec("2026-12-08T10:00:00Z", "2026-12-08T12:00:00Z", "a");
    FreezeSpec second = new FreezeSpec("2026-12-08T11:00:00Z", "2026-12-08T14:00:00Z", "b");

    assertClosed(check("2026-12-08T10:30:00Z", null, second, first),
        "2026-12-08T14:00:00Z", "freeze 'a' until 2026-12-08T12:00:00Z, then freeze 'b' until 2026-12-08T14:00:00Z");
  }

  @Test
  void keepsLocalHoursAcrossDaylightSavingChanges() {
    // Berlin springs forward on Sunday 2026-03-29: Monday 09:00 is 07:00Z, not 08:00Z.
    assertClosed(check("2026-03-26T16:00:00Z", BERLIN_OFFICE_HOURS),
        "2026-03-30T07:00:00Z", "outside " + WINDOW + "; opens Mon 2026-03-30 09:00 CEST");
    // And falls back on Sunday 2026-10-25: Monday 09:00 is 08:00Z again.
    assertClosed(check("2026-10-22T15:00:00Z", BERLIN_OFFICE_HOURS),
        "2026-10-26T08:00:00Z", "outside " + WINDOW + "; opens Mon 2026-10-26 09:00 CET");
  }

  @Test
  void aWindowInsideTheSpringForwardGapIsSkippedThatDay() {
    WindowSpec nightly = new WindowSpec(List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        "02:00", "03:00", "Europe/Berlin");

    // Saturday 03:30 CET; Sunday 02:00-03:00 does not exist, so Monday 02:00 CEST is next.
    assertClosed(check("2026-03-28T02:30:00Z", nightly),
        "2026-03-30T00:00:00Z",
        "outside deploy window mon-sun 02:00-03:00 Europe/Berlin; opens Mon 2026-03-30 02:00 CEST");
  }

  @Test
  void anOvernightWindowBelongsToTheDayItOpens() {
    WindowSpec fridayNight = new WindowSpec(List.of("fri"), "22:00", "06:00", "UTC");

    assertThat(check("2026-12-05T03:00:00Z", fridayNight).open()).isTrue();
    assertThat(check("2026-12-04T21:59:00Z", fridayNight).open()).isFalse();
    assertClosed(check("2026-12-05T06:00:00Z", fridayNight),
        "2026-12-11T22:00:00Z", "outside deploy window fri 22:00-06:00 UTC; opens Fri 2026-12-11 22:00 UTC");
  }

  @Test
  void aWindowMayCloseAtMidnight() {
    WindowSpec weekend = new WindowSpec(List.of("sat", "sun"), "00:00", "24:00", "UTC");

    assertThat(check("2026-12-05T00:00:00Z", weekend).open()).isTrue();
    assertThat(check("2026-12-06T23:59:59Z", weekend).open()).isTrue();
    assertClosed(check("2026-12-07T00:00:00Z", weekend),
        "2026-12-12T00:00:00Z", "outside deploy window sat,sun 00:00-24:00 UTC; opens Sat 2026-12-12 00:00 UTC");
  }

  @Test
  void boundsTheSearchAndSaysSo() {
    FreezeSpec longFreeze = new FreezeSpec("2026-01-01T00:00:00Z", "2028-06-01T00:00:00Z", "migration");

    WindowDecision decision = check("2026-12-08T09:00:00Z", BERLIN_OFFICE_HOURS, longFreeze);

    assertThat(decision.open()).isFalse();
    assertThat(decision.opensAt()).isNull();
    assertThat(decision.reason()).isEqualTo(
        "freeze 'migration' until 2028-06-01T00:00:00Z; no opening found within 400 days (the search stops there)");
  }

  @Test
  void readsTheWindowAndFreezesOfAnEnvironment() {
    var production = PipelineSamples.shopApi().environment("production");

    assertThat(DeployWindows.check(Instant.parse("2026-12-22T09:00:00Z"), production).opensAt())
        .isEqualTo(Instant.parse("2027-01-04T08:00:00Z"));
  }
}
