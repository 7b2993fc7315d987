package dev.deployflow.cli.watch;

import dev.deployflow.cli.Printable;
import dev.deployflow.cli.CommandHints;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import java.io.PrintStream;
import java.util.List;

/** The live view for a terminal: redraws one compact screen whenever the status changes. */
public final class ScreenView implements WatchView {
  private final PrintStream out;
  private final StatusScreen screen;
  private final Ansi ansi = new Ansi(true);
  private List<String> lastFrame = List.of();
  private String lastRendered = "";
  private Phase lastForwardPhase;
  private String warning;

  /** With the commands it shows written as the hints say (e.g. {@code ./deployflow approve …}). */
  public ScreenView(PrintStream out, CommandHints hints) {
    this.out = out;
    this.screen = new StatusScreen(true, hints);
  }

  @Override
  public void update(ReleaseStatus status) {
    if (status.phase() != null && status.phase() != Phase.ROLLBACK) {
      lastForwardPhase = status.phase();
    }
    warning = null;
    draw(screen.render(status, lastForwardPhase));
  }

  @Override
  public void warn(String message) {
    warning = Printable.line(message);
    draw(lastFrame);
  }

  @Override
  public void finish(ReleaseResult result) {
    out.println();
    List<String> lines = ResultText.lines(result);
    boolean succeeded = result.outcome() == Outcome.SUCCEEDED;
    String first = Printable.line(lines.get(0));
    out.println(succeeded ? ansi.green(ansi.bold(first)) : ansi.red(ansi.bold(first)));
    for (String line : lines.subList(1, lines.size())) {
      out.println(Printable.text(line));
    }
    out.flush();
  }

  @Override
  public void failed(String message) {
    out.println();
    out.println(ansi.red(ansi.bold(Printable.text(message))));
    out.println("exit code 1");
    out.flush();
  }

  private void draw(List<String> frame) {
    StringBuilder text = new StringBuilder(Ansi.CLEAR_SCREEN);
    for (String line : frame) {
      text.append(line).append('\n');
    }
    if (warning != null) {
      text.append('\n').append(ansi.yellow("warning: " + warning)).append('\n');
    }
    String rendered = text.toString();
    // Redraw only on change: a steady screen does not flicker between polls.
    if (!rendered.equals(lastRendered)) {
      out.print(rendered);
      out.flush();
      lastRendered = rendered;
    }
    lastFrame = frame;
  }
}
