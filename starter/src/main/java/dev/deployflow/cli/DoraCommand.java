package dev.deployflow.cli;

import dev.deployflow.client.Dora;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.DoraReport;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code deployflow dora --app A [--since 30d]}: the four DORA figures from Temporal's visibility store. */
@Command(name = "dora", description = "Print deployment frequency, lead time, change failure rate and time to restore of the application.")
final class DoraCommand extends ReleaseCommand {
  @Mixin ApplicationOption app;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d",
      description = "The window back from now: 30d, 12h, 90m or ISO-8601 such as P7D (default ${DEFAULT-VALUE}).")
  String since;

  private Duration window;

  @Override
  protected void validate() {
    if (app.value() == null) {
      throw new ParameterException(spec.commandLine(), "Missing --app APP");
    }
    requireApplicationName(app.value());
    try {
      window = Dora.parseSince(since);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }

  @Override
  protected int execute(ReleaseClient client) {
    DoraReport report = client.dora(app.value(), window);
    if (json()) {
      Json.print(out(), report);
      return ExitCodes.OK;
    }
    out().println("DORA of " + report.application() + " from " + report.since() + " to " + report.until());
    out().printf("  deployment frequency   %.2f per day (%d succeeded)%n", report.deploymentsPerDay(), report.succeeded());
    out().println("  lead time for changes  " + seconds(report.leadTimeSeconds()) + " (median, committedAt to live)");
    out().println("  change failure rate    " + (report.changeFailureRate() == null ? "n/a (no deployments)"
        : String.format("%.0f%% (%d of %d)", report.changeFailureRate() * 100, report.failed(), report.deployments())));
    out().println("  time to restore        " + seconds(report.timeToRestoreSeconds()) + " (median, failure to rollback done)");
    out().flush();
    return ExitCodes.OK;
  }

  private static String seconds(Double value) {
    return value == null ? "n/a" : String.format("%.0f s", value);
  }
}
