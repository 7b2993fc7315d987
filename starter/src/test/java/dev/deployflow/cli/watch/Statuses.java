package dev.deployflow.cli.watch;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.ReleaseStatus.EnvironmentStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.model.RunState;
import java.util.ArrayList;
import java.util.List;

/** Hand-made statuses for the pure rendering tests. */
final class Statuses {
  private Statuses() {}

  static final GateStatus WAITING_GATE = new GateStatus("production", dev.deployflow.model.GateKind.APPROVAL, dev.deployflow.model.GateState.fromJson("waiting"), List.of("bob", "carol"),
      List.of(), 1, "2026-01-01T10:00:00Z",
      List.of("deployflow approve shop-api --by bob",
          "temporal workflow update execute --workflow-id deploy-shop-api --name approve --input '{\"by\":\"bob\"}'",
          "deployflow approve shop-api --by carol",
          "temporal workflow update execute --workflow-id deploy-shop-api --name approve --input '{\"by\":\"carol\"}'"));

  static ReleaseStatus status(Phase phase, RunState state, Outcome outcome, List<GateStatus> gates,
      List<TimelineEvent> timeline) {
    return new ReleaseStatus("shop-api", "1.2.0", "alice", phase, state, "canary 50% — analysis 2/3",
        outcome, "1.1.0",
        List.of(new EnvironmentStatus("staging", "1.2.0", "1.1.0", 100),
            new EnvironmentStatus("production", "1.2.0", "1.1.0", 50)),
        gates,
        List.of(new AnalysisStatus("error-rate", "canary 50%", List.of(
            new MeasurementStatus("2026-01-01T10:00:00Z", 0.0012, dev.deployflow.model.MeasurementState.fromJson("successful"), null),
            new MeasurementStatus("2026-01-01T10:01:00Z", 0.041, dev.deployflow.model.MeasurementState.fromJson("failed"), "above max 0.01"),
            new MeasurementStatus("2026-01-01T10:02:00Z", null, dev.deployflow.model.MeasurementState.fromJson("inconclusive"), "no data")),
            dev.deployflow.model.AnalysisState.RUNNING)),
        timeline, List.of(), List.of(), transitions(timeline));
  }

  /** The status with these production waves ({@code status.waves}). */
  static ReleaseStatus withWaves(ReleaseStatus s, ReleaseStatus.WaveStatus... waves) {
    return new ReleaseStatus(s.application(), s.version(), s.requestedBy(), s.phase(), s.state(), s.currentStep(),
        s.outcome(), s.previousVersion(), s.environments(), s.gates(), s.analysis(), s.timeline(), s.compensations(),
        s.rejectedMessages(), s.transitions(), s.timelineDropped(), s.rejectedMessagesDropped(), List.of(waves));
  }

  private static final java.util.regex.Pattern TRANSITION_LINE =
      java.util.regex.Pattern.compile("phase ([a-z_]+) -> ([a-z_]+) \\(([a-z ]+)\\)");

  /** The phase transitions a timeline's lines describe, as the workflow records them as data too. */
  static List<ReleaseStatus.PhaseTransition> transitions(List<TimelineEvent> timeline) {
    List<ReleaseStatus.PhaseTransition> out = new ArrayList<>();
    for (TimelineEvent event : timeline) {
      // The timeline's words for a phase change, "phase staging -> approval (staged)"; a phase this
      // command line does not know is left out, as PhaseMarks leaves out what it cannot draw.
      java.util.regex.Matcher m = TRANSITION_LINE.matcher(event.event() == null ? "" : event.event());
      if (!m.matches()) {
        continue;
      }
      try {
        out.add(new ReleaseStatus.PhaseTransition(event.at(), Phase.fromJson(m.group(1)), Phase.fromJson(m.group(2)),
            dev.deployflow.model.ReleaseEvent.valueOf(m.group(3).toUpperCase(java.util.Locale.ROOT).replace(' ', '_')).words()));
      } catch (IllegalArgumentException unknownPhase) {
        // skipped, see above
      }
    }
    return out;
  }

  static TimelineEvent event(String at, String text, String by) {
    return new TimelineEvent(at, text, by);
  }

  /** A timeline of the given lines, one second apart, as the workflow writes phase transitions. */
  static List<TimelineEvent> timeline(String... lines) {
    List<TimelineEvent> events = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      events.add(new TimelineEvent("2026-01-01T10:00:" + String.format("%02d", i) + "Z", lines[i], null));
    }
    return events;
  }
}
