package dev.deployflow.cli.watch;

import dev.deployflow.cli.Printable;
import dev.deployflow.cli.CommandHints;
import dev.deployflow.model.CompensationState;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.AnalysisStatus;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.EnvironmentStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.ReleaseStatus.MeasurementStatus;
import dev.deployflow.model.ReleaseStatus.RejectedMessage;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a release's status as a compact screen: phases with their marks, the current step,
 * a weight bar per environment, analysis, the gate waiting with the commands to approve it, and
 * the tail of the timeline. Pure: the same status gives the same lines. With {@code ansi} off it
 * is the text of {@code deployflow status}. Every value from the release is {@link Printable},
 * so only the screen's own escape sequences reach the terminal.
 */
public final class StatusScreen {
  private static final int TIMELINE_TAIL = 6;
  private static final int MEASUREMENTS_SHOWN = 5;

  private final Ansi ansi;
  private final CommandHints hints;

  public StatusScreen(boolean ansi) {
    this(ansi, CommandHints.plain());
  }

  /** With the commands it shows written as the hints say (e.g. {@code ./deployflow approve …}). */
  public StatusScreen(boolean ansi, CommandHints hints) {
    this.ansi = new Ansi(ansi);
    this.hints = hints;
  }

  /**
   * The lines of the screen. The phase marks come from the phase transitions the status carries;
   * {@code lastForwardPhase} (the last phase before a rollback, when the caller saw it; may be
   * null) serves only for a status without them.
   */
  public List<String> render(ReleaseStatus status, Phase lastForwardPhase) {
    List<String> lines = new ArrayList<>();
    lines.add(ansi.bold(p(status.application()) + " " + p(status.version()))
        + "  requested by " + Formats.orDash(status.requestedBy())
        + "  previous " + Formats.orDash(status.previousVersion())
        + "  state " + stateText(status));
    lines.add("  " + phases(status, lastForwardPhase));
    lines.add("  step: " + Formats.orDash(status.currentStep()));
    environments(status, lines);
    waves(status, lines);
    analysis(status, lines);
    gates(status, lines);
    compensations(status, lines);
    timeline(status, lines);
    rejected(status, lines);
    return lines;
  }

  /** A value from the release, on one line and without control characters. */
  private static String p(String value) {
    return Printable.line(value);
  }

  private String stateText(ReleaseStatus status) {
    String state = status.state() == null ? "-" : status.state().json();
    if (status.outcome() != null) {
      state += " (" + status.outcome().json() + ")";
    }
    return state;
  }

  private String phases(ReleaseStatus status, Phase lastForwardPhase) {
    List<String> marks = new ArrayList<>();
    for (PhaseMarks.Entry entry : PhaseMarks.of(status, lastForwardPhase)) {
      String name = entry.phase().json();
      marks.add(switch (entry.mark()) {
        case DONE -> ansi.green("✓ " + name);
        case FAILED -> ansi.red("✗ " + name);
        case CURRENT -> ansi.yellow("▶ " + name);
        case AHEAD -> ansi.dim("· " + name);
        case SKIPPED -> ansi.dim("– " + name);
      });
    }
    return String.join("  ", marks);
  }

  private void environments(ReleaseStatus status, List<String> lines) {
    if (status.environments() == null || status.environments().isEmpty()) {
      return;
    }
    lines.add("");
    lines.add(ansi.bold("environments"));
    for (EnvironmentStatus env : status.environments()) {
      lines.add("  " + Formats.pad(env.name(), 12, false) + " "
          + Formats.pad(Formats.orDash(env.version()), 10, false) + " "
          + Formats.weightBar(env.weight())
          + (env.previousVersion() == null ? "" : "  (previous " + p(env.previousVersion()) + ")"));
    }
  }

  /** One row per production wave, when the pipeline has more than one: its state and weight. */
  private void waves(ReleaseStatus status, List<String> lines) {
    if (status.waves() == null || status.waves().size() < 2) {
      return;
    }
    lines.add("");
    lines.add(ansi.bold("waves"));
    for (ReleaseStatus.WaveStatus wave : status.waves()) {
      String state = wave.state() == null ? "-" : wave.state().json();
      String shown = wave.state() == dev.deployflow.model.WaveState.DONE ? ansi.green(state)
          : wave.state() == dev.deployflow.model.WaveState.FAILED || wave.state() == dev.deployflow.model.WaveState.ROLLED_BACK
              ? ansi.red(state) : state;
      lines.add("  " + Formats.pad("wave " + wave.wave(), 7, false) + " " + Formats.pad(p(wave.environment()), 14, false)
          + " " + shown + " ".repeat(Math.max(1, 18 - state.length())) + Formats.weightBar(wave.weight())
          + (wave.version() == null ? "" : "  " + p(wave.version())));
    }
  }

  private void analysis(ReleaseStatus status, List<String> lines) {
    if (status.analysis() == null || status.analysis().isEmpty()) {
      return;
    }
    lines.add("");
    lines.add(ansi.bold("analysis"));
    for (AnalysisStatus metric : status.analysis()) {
      List<MeasurementStatus> all = metric.measurements() == null ? List.of() : metric.measurements();
      List<String> values = new ArrayList<>();
      for (MeasurementStatus m : all.subList(Math.max(0, all.size() - MEASUREMENTS_SHOWN), all.size())) {
        values.add(Formats.number(m.value()) + " " + outcomeMark(m.outcome() == null ? null : m.outcome().json()));
      }
      lines.add("  " + Formats.pad(metric.metric(), 14, false)
          + (metric.step() == null ? "" : " [" + p(metric.step()) + "]")
          + "  " + (values.isEmpty() ? "no measurement yet" : String.join("  ", values))
          + "  verdict: " + Formats.orDash(metric.verdict() == null ? null : metric.verdict().json()));
    }
  }

  private String outcomeMark(String outcome) {
    if (outcome == null) {
      return "?";
    }
    return switch (outcome) {
      case "successful", "passed" -> ansi.green("✓");
      case "failed" -> ansi.red("✗");
      default -> ansi.yellow(p(outcome));
    };
  }

  private void gates(ReleaseStatus status, List<String> lines) {
    if (status.gates() == null || status.gates().isEmpty()) {
      return;
    }
    lines.add("");
    lines.add(ansi.bold("gates"));
    for (GateStatus gate : status.gates()) {
      lines.add("  " + Formats.pad(gate.name(), 12, false) + " " + p(gate.state().json())
          + "  " + GateCommands.tally(gate)
          + "  approvers: " + Formats.join(gate.approvers())
          + (gate.deadline() == null ? "" : "  until " + p(gate.deadline())));
      if (gate.state() == GateState.WAITING && gate.step() != null) {
        lines.add("    failed: " + p(gate.step()) + (gate.error() == null ? "" : ": " + p(gate.error())));
      }
      if (gate.state() == GateState.WAITING) {
        // What is being approved, before how to approve it.
        if (gate.planSummary() != null && !gate.planSummary().isBlank()) {
          lines.add("    plan: " + p(gate.planSummary()));
        }
        if (gate.changes() != null && !gate.changes().isEmpty()) {
          lines.add("    changes: " + p(String.join("; ", gate.changes())));
        }
        if (gate.diff() != null) {
          for (var change : gate.diff()) {
            lines.add("    " + p(change.describe()));
          }
        }
        // Every deployflow line (one per approver, short); the Temporal CLI form once, as the
        // pattern for the others.
        for (String command : GateCommands.deployflow(status.application(), gate, hints)) {
          lines.add("    $ " + ansi.bold(p(command)));
        }
        List<String> temporal = GateCommands.temporal(gate);
        if (!temporal.isEmpty()) {
          lines.add("    $ " + p(temporal.get(0)));
        }
      }
    }
  }

  /** Shown once a rollback has begun: what is undone, in order, and how far it got. */
  private void compensations(ReleaseStatus status, List<String> lines) {
    List<CompensationStatus> all = status.compensations() == null ? List.of() : status.compensations();
    boolean started = all.stream().anyMatch(c -> c.state() != CompensationState.PENDING);
    if (all.isEmpty() || (status.phase() != Phase.ROLLBACK && !started)) {
      return;
    }
    lines.add("");
    lines.add(ansi.bold("rollback"));
    for (CompensationStatus compensation : inRunOrder(all, status.timeline())) {
      String mark = switch (String.valueOf(compensation.state())) {
        case "done" -> ansi.green("✓");
        case "failed" -> ansi.red("✗");
        default -> ansi.dim("·");
      };
      lines.add("  " + mark + " " + p(compensation.action())
          + (compensation.detail() == null ? "" : "  (" + p(compensation.detail()) + ")"));
    }
  }

  /**
   * The compensations in the order they ran, which is what a reader of a rollback expects: the
   * status lists them in the order they were registered, and the timeline says when each ran
   * ({@code compensation done: <action>}, {@code … failed: <action>: …}, {@code … skipped: …}).
   * Those that have not run yet follow, in the status's order.
   */
  static List<CompensationStatus> inRunOrder(
      List<CompensationStatus> compensations, List<TimelineEvent> timeline) {
    List<CompensationStatus> remaining = new ArrayList<>(compensations);
    List<CompensationStatus> ordered = new ArrayList<>();
    for (TimelineEvent event : timeline == null ? List.<TimelineEvent>of() : timeline) {
      String text = event.event() == null ? "" : event.event();
      for (String prefix : RAN_PREFIXES) {
        if (text.startsWith(prefix)) {
          String rest = text.substring(prefix.length());
          remaining.stream()
              .filter(c -> rest.equals(c.action()) || rest.startsWith(c.action() + ": "))
              .findFirst()
              .ifPresent(c -> {
                remaining.remove(c);
                ordered.add(c);
              });
        }
      }
    }
    ordered.addAll(remaining);
    return ordered;
  }

  private static final List<String> RAN_PREFIXES =
      List.of("compensation done: ", "compensation failed: ", "compensation skipped: ");

  private void timeline(ReleaseStatus status, List<String> lines) {
    List<TimelineEvent> events = status.timeline() == null ? List.of() : status.timeline();
    if (events.isEmpty()) {
      return;
    }
    lines.add("");
    lines.add(ansi.bold("timeline"));
    for (TimelineEvent event : events.subList(Math.max(0, events.size() - TIMELINE_TAIL), events.size())) {
      lines.add("  " + Formats.clock(event.at()) + "  " + p(event.event())
          + (event.by() == null ? "" : " (" + p(event.by()) + ")"));
    }
  }

  private void rejected(ReleaseStatus status, List<String> lines) {
    List<RejectedMessage> refused = status.rejectedMessages() == null ? List.of() : status.rejectedMessages();
    if (refused.isEmpty()) {
      return;
    }
    lines.add("");
    lines.add(ansi.bold("refused messages"));
    for (RejectedMessage message : refused.subList(Math.max(0, refused.size() - 3), refused.size())) {
      lines.add("  " + Formats.clock(message.at()) + "  " + p(message.name()) + " by "
          + Formats.orDash(message.by()) + ": " + p(message.reason()));
    }
  }
}
