package dev.deployflow.cli.watch;

import static dev.deployflow.cli.watch.Statuses.WAITING_GATE;
import static dev.deployflow.cli.watch.Statuses.event;
import static dev.deployflow.cli.watch.Statuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.RunState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The append-only view: each line once, the story before the state it led to. */
class PlainViewTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PlainView view = new PlainView(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  @Test
  void printsEachWavesStateOncePerChange() {
    var us = new dev.deployflow.model.ReleaseStatus.WaveStatus(1, "production-us", dev.deployflow.model.WaveState.ROLLING_OUT, 10, "1.2.0");
    var eu = new dev.deployflow.model.ReleaseStatus.WaveStatus(2, "production-eu", dev.deployflow.model.WaveState.PENDING, 0, null);
    var base = status(Phase.PRODUCTION_ROLLOUT, RunState.RUNNING, null, List.of(), List.of());
    view.update(Statuses.withWaves(base, us, eu));
    view.update(Statuses.withWaves(base, us, eu));
    view.update(Statuses.withWaves(base,
        new dev.deployflow.model.ReleaseStatus.WaveStatus(1, "production-us", dev.deployflow.model.WaveState.ROLLING_OUT, 100, "1.2.0"), eu));

    assertThat(lines()).containsExactly(
        "[shop-api 1.2.0] phase production_rollout",
        "[shop-api 1.2.0] wave 1 production-us: rolling_out at 10%",
        "[shop-api 1.2.0] wave 2 production-eu: pending at 0%",
        "[shop-api 1.2.0] wave 1 production-us: rolling_out at 100%");
  }

  @Test
  void printsNewEventsThenThePhaseThenTheWaitingGateEachOnce() {
    var started = event("2026-01-01T10:00:00Z", "release started", "alice");
    var staged = event("2026-01-01T10:00:05Z", "staging deployed", null);

    view.update(status(Phase.STAGING, RunState.RUNNING, null, List.of(), List.of(started)));
    view.update(status(Phase.STAGING, RunState.RUNNING, null, List.of(), List.of(started)));
    view.update(status(Phase.APPROVAL, RunState.WAITING, null, List.of(WAITING_GATE), List.of(started, staged)));
    view.update(status(Phase.APPROVAL, RunState.WAITING, null, List.of(WAITING_GATE), List.of(started, staged)));

    assertThat(lines()).hasSize(5);
    assertThat(lines().get(0)).matches("\\[shop-api 1\\.2\\.0] \\d\\d:\\d\\d:\\d\\d release started \\(alice\\)");
    assertThat(lines().get(1)).isEqualTo("[shop-api 1.2.0] phase staging");
    assertThat(lines().get(2)).matches("\\[shop-api 1\\.2\\.0] \\d\\d:\\d\\d:\\d\\d staging deployed");
    assertThat(lines().get(3)).isEqualTo("[shop-api 1.2.0] phase approval");
    assertThat(lines().get(4)).isEqualTo("[shop-api 1.2.0] gate production waits for 1 approval(s) from"
        + " bob, carol: deployflow approve shop-api --by bob");
  }

  @Test
  void escapeSequencesAndLineBreaksInTimelineEntriesArePrintedAsPlainText() {
    var hostile = event("2026-01-01T10:00:00Z",
        "deploy ok\u001b[1A\u001b[2K\r[shop-api 1.2.0] approved by admin\nsecond line", "bob");

    view.update(status(Phase.STAGING, RunState.RUNNING, null, List.of(), List.of(hostile)));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("\u001b").doesNotContain("\r");
    assertThat(lines().get(0)).endsWith(
        " deploy ok[1A[2K [shop-api 1.2.0] approved by admin second line (bob)");
  }

  @Test
  void theGateCommandIsWrittenAsTheProgramWasTyped() {
    PlainView launched = new PlainView(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new dev.deployflow.cli.CommandHints("./deployflow", null, "127.0.0.1:7400"));

    launched.update(status(Phase.APPROVAL, RunState.WAITING, null, List.of(WAITING_GATE), List.of()));

    assertThat(lines()).contains("[shop-api 1.2.0] gate production waits for 1 approval(s) from"
        + " bob, carol: ./deployflow approve shop-api --by bob --temporal 127.0.0.1:7400");
  }

  @Test
  void aRepeatedWarningIsPrintedOnce() {
    view.warn("no answer");
    view.warn("no answer");

    assertThat(lines()).containsExactly("warning: no answer");
  }

  @Test
  void endsWithTheOutcomeTheSummaryAndTheExitCode() {
    view.finish(new ReleaseResult("shop-api", "1.2.0", Outcome.ROLLED_BACK, "1.1.0",
        "rolled back automatically", "2026-01-01T10:00:00Z", "2026-01-01T10:05:00Z"));

    assertThat(lines()).containsExactly(
        "shop-api 1.2.0 rolled_back (previous version 1.1.0)",
        "rolled back automatically",
        "exit code 1");
  }

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
