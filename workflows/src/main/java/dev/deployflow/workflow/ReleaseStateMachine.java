package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseEvent;
import dev.deployflow.model.Phase;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phases of a release as an explicit transition table: phase x event -> next phase. Every
 * phase change of {@link DeploymentWorkflowImpl} goes through {@link #fire}, which refuses any
 * pair that is not in the table, so the table is the whole truth about how a release moves.
 * The test suite checks that every transition of {@link #TRANSITIONS} is exercised.
 */
public final class ReleaseStateMachine {

  /** One row of the table. */
  public record Transition(Phase from, ReleaseEvent event, Phase to) {

    /** The transition as written in the release timeline, e.g. {@code phase staging -> approval (staged)}. */
    public String describe() {
      return "phase " + from.json() + " -> " + to.json() + " (" + event.words() + ")";
    }

    /** Reads a timeline line written by {@link #describe}; null when the line is not one. */
    public static Transition parse(String line) {
      Matcher m = LINE.matcher(line == null ? "" : line);
      if (!m.matches()) {
        return null;
      }
      return new Transition(
          Phase.fromJson(m.group(1)),
          ReleaseEvent.valueOf(m.group(3).toUpperCase(java.util.Locale.ROOT).replace(' ', '_')),
          Phase.fromJson(m.group(2)));
    }

    private static final Pattern LINE = Pattern.compile("phase ([a-z_]+) -> ([a-z_]+) \\(([a-z ]+)\\)");
  }

  /** Told of every phase change, after the table allowed it. */
  @FunctionalInterface
  interface Listener {
    void onTransition(Transition transition);
  }

  /** The table. A phase with no row here (completion) is terminal. */
  public static final Set<Transition> TRANSITIONS;

  private static final Map<Phase, Map<ReleaseEvent, Phase>> TABLE = new EnumMap<>(Phase.class);

  static {
    row(Phase.PREPARATION, ReleaseEvent.PREPARED, Phase.STAGING);
    // Nothing is deployed before staging, so a failed gate 1 has nothing to roll back.
    row(Phase.PREPARATION, ReleaseEvent.GATE_FAILED, Phase.COMPLETION);
    row(Phase.PREPARATION, ReleaseEvent.ROLLBACK_REQUESTED, Phase.ROLLBACK);

    row(Phase.STAGING, ReleaseEvent.STAGED, Phase.APPROVAL);
    row(Phase.STAGING, ReleaseEvent.GATE_FAILED, Phase.ROLLBACK);
    row(Phase.STAGING, ReleaseEvent.ROLLBACK_REQUESTED, Phase.ROLLBACK);

    row(Phase.APPROVAL, ReleaseEvent.APPROVED, Phase.PRODUCTION_ROLLOUT);
    // A rejected or timed-out approval leaves staging as it is (CONTRACT.md): no rollback.
    row(Phase.APPROVAL, ReleaseEvent.REJECTED, Phase.COMPLETION);
    row(Phase.APPROVAL, ReleaseEvent.ROLLBACK_REQUESTED, Phase.ROLLBACK);

    row(Phase.PRODUCTION_ROLLOUT, ReleaseEvent.ROLLED_OUT, Phase.VERIFICATION);
    row(Phase.PRODUCTION_ROLLOUT, ReleaseEvent.GATE_FAILED, Phase.ROLLBACK);
    row(Phase.PRODUCTION_ROLLOUT, ReleaseEvent.ROLLBACK_REQUESTED, Phase.ROLLBACK);

    row(Phase.VERIFICATION, ReleaseEvent.VERIFIED, Phase.STABILITY);
    row(Phase.VERIFICATION, ReleaseEvent.GATE_FAILED, Phase.ROLLBACK);
    row(Phase.VERIFICATION, ReleaseEvent.ROLLBACK_REQUESTED, Phase.ROLLBACK);

    row(Phase.STABILITY, ReleaseEvent.STABLE, Phase.COMPLETION);
    // The next production wave starts at its approval (passed at once when it follows the first's).
    row(Phase.STABILITY, ReleaseEvent.WAVE_STABLE, Phase.APPROVAL);
    row(Phase.STABILITY, ReleaseEvent.GATE_FAILED, Phase.ROLLBACK);
    row(Phase.STABILITY, ReleaseEvent.ROLLBACK_REQUESTED, Phase.ROLLBACK);

    row(Phase.ROLLBACK, ReleaseEvent.ROLLED_BACK, Phase.COMPLETION);

    Set<Transition> all = new LinkedHashSet<>();
    TABLE.forEach((from, row) -> row.forEach((event, to) -> all.add(new Transition(from, event, to))));
    TRANSITIONS = Collections.unmodifiableSet(all);
  }

  private static void row(Phase from, ReleaseEvent event, Phase to) {
    TABLE.computeIfAbsent(from, p -> new EnumMap<>(ReleaseEvent.class)).put(event, to);
  }

  private final Listener listener;
  private Phase phase = Phase.PREPARATION;

  ReleaseStateMachine(Listener listener) {
    this.listener = listener;
  }

  /** The phase the release is in. */
  public Phase phase() {
    return phase;
  }

  /**
   * Moves the release by the table.
   *
   * @throws IllegalStateException when the table has no such transition (a bug in the workflow,
   *     which fails the workflow task so that a fixed worker can continue it)
   */
  public Phase fire(ReleaseEvent event) {
    Phase to = next(phase, event);
    if (to == null) {
      throw new IllegalStateException(
          "no transition from phase " + phase.json() + " on " + event.words());
    }
    Transition transition = new Transition(phase, event, to);
    phase = to;
    listener.onTransition(transition);
    return to;
  }

  /** The next phase by the table, or null when there is no such transition. */
  public static Phase next(Phase from, ReleaseEvent event) {
    Map<ReleaseEvent, Phase> row = TABLE.get(from);
    return row == null ? null : row.get(event);
  }
}
