package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ReleaseHistoryEntry;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code deployflow history --app A [--limit N]}: past releases from Temporal's visibility store. */
@Command(name = "history", description = "List the application's past releases, newest first, from Temporal's visibility store.")
final class HistoryCommand extends ReleaseCommand {
  @Mixin ApplicationOption app;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most this many releases (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--ui-url", paramLabel = "URL", defaultValue = "${env:DEPLOYFLOW_UI_URL:-http://127.0.0.1:8233}",
      description = "The Temporal UI for the run links (default ${DEFAULT-VALUE}; env DEPLOYFLOW_UI_URL).")
  String uiUrl;

  @Override
  protected void validate() {
    if (app.value() == null) {
      throw new ParameterException(spec.commandLine(), "Missing --app APP");
    }
    requireApplicationName(app.value());
    if (limit < 1 || limit > 1000) {
      throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000");
    }
  }

  @Override
  protected int execute(ReleaseClient client) {
    List<ReleaseHistoryEntry> releases = client.history(app.value(), limit, uiUrl);
    if (json()) {
      Json.print(out(), releases);
      return ExitCodes.OK;
    }
    if (releases.isEmpty()) {
      out().println("no releases of " + app.value() + " found");
    } else {
      out().printf("%-16s %-12s %-14s %-20s %-24s %9s  %s%n",
          "VERSION", "OUTCOME", "REQUESTED BY", "APPROVED BY", "STARTED", "DURATION", "RUN / UI");
      for (ReleaseHistoryEntry r : releases) {
        out().printf("%-16s %-12s %-14s %-20s %-24s %8ds  %s%n",
            Printable.text(r.version()), r.outcome() == null ? "running" : r.outcome().json(),
            Printable.text(r.requestedBy()), Printable.text(String.join(",", r.approvedBy())),
            r.startedAt(), r.durationSeconds(), r.uiLink() == null ? r.runId() : r.uiLink());
      }
    }
    out().flush();
    return ExitCodes.OK;
  }
}
