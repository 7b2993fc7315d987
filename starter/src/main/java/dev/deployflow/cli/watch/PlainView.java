package dev.deployflow.cli.watch;

import dev.deployflow.cli.Printable;
import dev.deployflow.cli.CommandHints;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import dev.deployflow.model.ReleaseStatus.RejectedMessage;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The live view for logs and pipes: append-only lines, one per new timeline event, phase change,
 * production wave state (with more than one wave), waiting gate or refused message, each printed once, so the output reads as the release's story.
 */
public final class PlainView implements WatchView {
  private final PrintStream out;
  private final CommandHints hints;
  private final Set<String> printed = new HashSet<>();
  private Phase lastPhase;

  public PlainView(PrintStream out) {
    this(out, CommandHints.plain());
  }

  /** With the commands it shows written as the hints say (e.g. {@code ./deployflow approve …}). */
  public PlainView(PrintStream out, CommandHints hints) {
    this.out = out;
    this.hints = hints;
  }

  /**
   * The words that open the line of a gate waiting for approval, after the release prefix, e.g.
   * {@code gate production waits for}: whoever reads this view (the demo) can wait for them.
   */
  public static String waitingGateWords(String gate) {
    return "gate " + gate + " waits for";
  }

  @Override
  public void update(ReleaseStatus status) {
    String prefix = "[" + status.application() + " " + status.version() + "] ";
    List<TimelineEvent> timeline = status.timeline() == null ? List.of() : status.timeline();
    for (TimelineEvent event : timeline) {
      emit(prefix + Formats.clock(event.at()) + " " + event.event()
          + (event.by() == null ? "" : " (" + event.by() + ")"));
    }
    // The story so far first, then where it stands now: a phase line never precedes the events
    // that led to it.
    if (status.phase() != null && status.phase() != lastPhase) {
      lastPhase = status.phase();
      emit(prefix + "phase " + status.phase().json());
    }
    // With more than one production wave, each wave's state and weight, once per change.
    List<ReleaseStatus.WaveStatus> waves = status.waves() == null ? List.of() : status.waves();
    if (waves.size() > 1) {
      for (ReleaseStatus.WaveStatus wave : waves) {
        emit(prefix + "wave " + wave.wave() + " " + wave.environment() + ": "
            + (wave.state() == null ? "-" : wave.state().json()) + " at " + wave.weight() + "%");
      }
    }
    List<GateStatus> gates = status.gates() == null ? List.of() : status.gates();
    for (GateStatus gate : gates) {
      if (gate.state() == dev.deployflow.model.GateState.WAITING) {
        List<String> commands = GateCommands.deployflow(status.application(), gate, hints);
        emit(prefix + waitingGateWords(gate.name()) + " " + gate.required()
            + " approval(s) from " + Formats.join(gate.approvers())
            + (commands.isEmpty() ? "" : ": " + commands.get(0)));
      }
    }
    List<RejectedMessage> refused =
        status.rejectedMessages() == null ? List.of() : status.rejectedMessages();
    for (RejectedMessage message : refused) {
      emit(prefix + Formats.clock(message.at()) + " refused " + message.name() + " by "
          + Formats.orDash(message.by()) + ": " + message.reason());
    }
  }

  @Override
  public void warn(String message) {
    emit("warning: " + message);
  }

  @Override
  public void finish(ReleaseResult result) {
    for (String line : ResultText.lines(result)) {
      out.println(Printable.text(line));
    }
    out.flush();
  }

  @Override
  public void failed(String message) {
    out.println(Printable.text(message));
    out.println("exit code 1");
    out.flush();
  }

  private void emit(String line) {
    // A phase may come back (a pause shows the same phase again); a line never does.
    // Every line is made of the release's values and this view's words, never escape sequences.
    if (printed.add(line)) {
      out.println(Printable.line(line));
      out.flush();
    }
  }
}
