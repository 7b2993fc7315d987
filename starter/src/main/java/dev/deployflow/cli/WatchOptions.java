package dev.deployflow.cli;

import dev.deployflow.cli.watch.PlainView;
import dev.deployflow.cli.watch.ScreenView;
import dev.deployflow.cli.watch.WatchView;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the live view, shared by {@code watch} and {@code start --watch}. */
final class WatchOptions {
  @Option(
      names = "--plain",
      description = "Append-only lines even on a terminal (the default when output is not a terminal).")
  boolean plain;

  @Option(
      names = "--interval",
      paramLabel = "MILLIS",
      defaultValue = "500",
      description = "How often to poll the status query, in milliseconds (default: ${DEFAULT-VALUE}).")
  long intervalMillis;

  Duration interval() {
    return Duration.ofMillis(Math.max(50, intervalMillis));
  }

  /** The view for this output: silent for JSON, a redrawn screen on a terminal, else lines. */
  WatchView view(OutputFormat output, boolean terminal, PrintStream out, CommandHints hints) {
    if (output == OutputFormat.JSON) {
      return WatchView.silent();
    }
    return terminal && !plain ? new ScreenView(out, hints) : new PlainView(out, hints);
  }
}
