package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each signed request once, for as long as its timestamp is inside the window; bounded. */
class ReplayGuardTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final long T = NOW.getEpochSecond();

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void aSignatureIsAcceptedOnceInsideTheWindow() {
    ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5), 10, clock);

    assertThat(guard.admit("v0=aa", T)).isEqualTo(ReplayGuard.Verdict.FIRST_SEEN);
    clock.advance(Duration.ofMinutes(5));
    assertThat(guard.admit("v0=aa", T)).isEqualTo(ReplayGuard.Verdict.REPLAYED);
    assertThat(guard.admit("v0=bb", T)).isEqualTo(ReplayGuard.Verdict.FIRST_SEEN);
  }

  @Test
  void entriesAreForgottenOnceTheirTimestampLeftTheWindow() {
    ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5), 10, clock);
    guard.admit("v0=aa", T);

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    guard.admit("v0=bb", clock.instant().getEpochSecond());

    assertThat(guard.size()).isEqualTo(1);
  }

  @Test
  void whenFullOfLiveEntriesNewRequestsAreRefusedAndNoneIsForgotten() {
    ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5), 2, clock);
    guard.admit("v0=aa", T);
    guard.admit("v0=bb", T);

    assertThat(guard.admit("v0=cc", T)).isEqualTo(ReplayGuard.Verdict.FULL);
    assertThat(guard.admit("v0=aa", T)).isEqualTo(ReplayGuard.Verdict.REPLAYED);
  }

  @Test
  void whenFullAnExpiredEntryAnywhereMakesRoom() {
    ReplayGuard guard = new ReplayGuard(Duration.ofMinutes(5), 2, clock);
    // The first arrival carries a later timestamp than the second one.
    guard.admit("v0=late", T + 60);
    guard.admit("v0=early", T - 60);

    clock.advance(Duration.ofMinutes(4).plusSeconds(30));
    assertThat(guard.admit("v0=cc", clock.instant().getEpochSecond()))
        .isEqualTo(ReplayGuard.Verdict.FIRST_SEEN);
    assertThat(guard.admit("v0=late", T + 60)).isEqualTo(ReplayGuard.Verdict.REPLAYED);
  }
}
