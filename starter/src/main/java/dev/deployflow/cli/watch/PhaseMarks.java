package dev.deployflow.cli.watch;

import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RunState;
import dev.deployflow.model.ReleaseEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The mark of each phase in the phases row, read from what happened: the phase transitions the
 * status carries as data ({@code transitions}: staging to approval on staged). A phase left
 * forward is done, the phase a gate failed in or a rollback started from is failed, the current
 * phase is current, and a phase never entered is skipped (or still ahead while the release can
 * reach it). The rollback phase appears only when it was entered, before completion, which it
 * leads to. Pure.
 */
final class PhaseMarks {
  /** How a phase is shown. */
  enum Mark {
    DONE, FAILED, CURRENT, AHEAD, SKIPPED
  }

  /** One phase of the row and its mark. */
  record Entry(Phase phase, Mark mark) {}

  private static final List<Phase> FORWARD = List.of(
      Phase.PREPARATION, Phase.STAGING, Phase.APPROVAL, Phase.PRODUCTION_ROLLOUT,
      Phase.VERIFICATION, Phase.STABILITY);

  /** One phase change as this screen draws it: from, the event that moved it, to. */
  record Transition(Phase from, ReleaseEvent event, Phase to) {}

  private PhaseMarks() {}

  /**
   * The row for a status. {@code lastForwardPhase} is used only when the status holds no phase
   * transition at all (a worker that does not write them): see {@link #fromPhaseOrder}.
   */
  static List<Entry> of(ReleaseStatus status, Phase lastForwardPhase) {
    List<Transition> transitions = transitions(status);
    Phase current = status.phase();
    if (transitions.isEmpty() && current != null && current != Phase.PREPARATION) {
      return fromPhaseOrder(status, lastForwardPhase);
    }
    boolean done = status.state() == RunState.DONE;
    Map<Phase, Mark> marks = new EnumMap<>(Phase.class);
    // Every release starts in preparation; each transition closes one phase and opens the next.
    marks.put(Phase.PREPARATION, Mark.CURRENT);
    for (Transition transition : transitions) {
      marks.put(transition.from(), forward(transition.event()) ? Mark.DONE : Mark.FAILED);
      marks.put(transition.to(), Mark.CURRENT);
    }
    if (current != null && !marks.containsKey(current)) {
      marks.put(current, Mark.CURRENT);
    }
    // Only the phase the release is in now is current; any other still open was left unseen.
    for (Map.Entry<Phase, Mark> entry : marks.entrySet()) {
      if (entry.getValue() == Mark.CURRENT && entry.getKey() != current) {
        entry.setValue(Mark.DONE);
      }
    }
    if (done && current != null && marks.get(current) == Mark.CURRENT) {
      marks.put(current, endMark(current, status.outcome()));
    }
    boolean canStillReach = !done && current != null && FORWARD.contains(current);
    int currentIndex = current == null ? -1 : FORWARD.indexOf(current);
    List<Entry> row = new ArrayList<>();
    for (int i = 0; i < FORWARD.size(); i++) {
      Phase phase = FORWARD.get(i);
      Mark mark = marks.get(phase);
      if (mark == null) {
        mark = canStillReach && i > currentIndex ? Mark.AHEAD : Mark.SKIPPED;
      }
      row.add(new Entry(phase, mark));
    }
    if (marks.containsKey(Phase.ROLLBACK)) {
      row.add(new Entry(Phase.ROLLBACK, marks.get(Phase.ROLLBACK)));
    }
    Mark completion = marks.get(Phase.COMPLETION);
    // Every run that goes on ends in completion, a rollback too; only an ended run can miss it.
    row.add(new Entry(Phase.COMPLETION, completion != null ? completion : done ? Mark.SKIPPED : Mark.AHEAD));
    return row;
  }

  /** The phase the release ended in: completion is done; any other phase ended it early. */
  private static Mark endMark(Phase phase, Outcome outcome) {
    if (phase == Phase.COMPLETION || outcome == Outcome.SUCCEEDED) {
      return Mark.DONE;
    }
    return Mark.FAILED;
  }

  /** Whether the event moves the release on (or finishes its rollback) rather than stopping it. */
  private static boolean forward(ReleaseEvent event) {
    return switch (event) {
      case GATE_FAILED, REJECTED, ROLLBACK_REQUESTED -> false;
      case PREPARED, STAGED, APPROVED, ROLLED_OUT, VERIFIED, STABLE, WAVE_STABLE, ROLLED_BACK -> true;
    };
  }

  /**
   * The phase transitions the status carries as data, in order; one whose event this command line
   * does not know (a newer worker) is skipped: not a mark it can draw.
   */
  static List<Transition> transitions(ReleaseStatus status) {
    List<Transition> transitions = new ArrayList<>();
    List<ReleaseStatus.PhaseTransition> recorded = status.transitions() == null ? List.of() : status.transitions();
    for (ReleaseStatus.PhaseTransition t : recorded) {
      ReleaseEvent event;
      try {
        event = ReleaseEvent.valueOf(String.valueOf(t.event()).toUpperCase(java.util.Locale.ROOT).replace(' ', '_'));
      } catch (IllegalArgumentException unknown) {
        continue;
      }
      if (t.from() != null && t.to() != null) {
        transitions.add(new Transition(t.from(), event, t.to()));
      }
    }
    return transitions;
  }

  /**
   * The best guess when the worker writes no transitions: phases before the one reached are done,
   * the one reached is current (failed when the release ended there or rolled back from it).
   */
  private static List<Entry> fromPhaseOrder(ReleaseStatus status, Phase lastForwardPhase) {
    Phase current = status.phase();
    boolean done = status.state() == RunState.DONE;
    boolean succeeded = status.outcome() == Outcome.SUCCEEDED;
    Phase reached = current == Phase.ROLLBACK ? lastForwardPhase : current;
    List<Phase> order = new ArrayList<>(FORWARD);
    order.add(Phase.COMPLETION);
    int reachedIndex = reached == null ? -1 : order.indexOf(reached);
    List<Entry> row = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Mark mark;
      if ((done && succeeded) || i < reachedIndex) {
        mark = Mark.DONE;
      } else if (i == reachedIndex) {
        mark = current == Phase.ROLLBACK ? Mark.FAILED : done ? endMark(reached, status.outcome()) : Mark.CURRENT;
      } else {
        boolean unreachable = done || (current == Phase.ROLLBACK && order.get(i) != Phase.COMPLETION);
        mark = unreachable ? Mark.SKIPPED : Mark.AHEAD;
      }
      if (order.get(i) == Phase.COMPLETION && current == Phase.ROLLBACK) {
        row.add(new Entry(Phase.ROLLBACK, done ? Mark.DONE : Mark.CURRENT));
      }
      row.add(new Entry(order.get(i), mark));
    }
    return row;
  }
}
