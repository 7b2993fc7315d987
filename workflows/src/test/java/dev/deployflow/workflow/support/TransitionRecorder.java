package dev.deployflow.workflow.support;

import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.workflow.ReleaseStateMachine;
import dev.deployflow.workflow.ReleaseStateMachine.Transition;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Collects the phase transitions that finished releases took, read from their timelines, across
 * the whole test run, so that {@code TransitionCoverageTest} can fail when a transition of the
 * table was never exercised by a workflow test.
 */
public final class TransitionRecorder {
  private static final Set<Transition> SEEN = new LinkedHashSet<>();

  private TransitionRecorder() {}

  public static synchronized void record(ReleaseStatus status) {
    for (ReleaseStatus.TimelineEvent event : status.timeline()) {
      Transition t = Transition.parse(event.event());
      if (t != null) {
        SEEN.add(t);
      }
    }
  }

  public static synchronized Set<Transition> seen() {
    return Set.copyOf(SEEN);
  }

  /** The transitions of the table that no finished release took. */
  public static synchronized Set<Transition> missing() {
    Set<Transition> missing = new LinkedHashSet<>(ReleaseStateMachine.TRANSITIONS);
    missing.removeAll(SEEN);
    return missing;
  }
}
