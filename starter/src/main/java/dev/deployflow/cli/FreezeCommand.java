package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeMessage;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code deployflow freeze --reason … [--until …] [--app A]… --by X}: stop the line. Places a
 * freeze on the calendar {@code deployflow-freezes} (started on demand); releases of the frozen
 * applications hold before their next production step until it lifts.
 */
@Command(
    name = "freeze",
    description = "Stop the line: hold every release (or those of --app) before its next production step.")
final class FreezeCommand extends ReleaseCommand {

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why releases must stop.")
  String reason;

  @Option(names = "--until", paramLabel = "WHEN",
      description = "When the freeze ends on its own: an instant (2026-12-24T00:00:00Z) or a duration from now (30m, 2h, 3d). Default: until unfrozen.")
  String until;

  @Option(names = "--app", paramLabel = "APP", description = "Freeze only this application (repeatable). Default: every application.")
  List<String> applications;

  @Option(names = "--by", paramLabel = "NAME", defaultValue = "${env:USER}", description = "Who freezes (default: $USER).")
  String by;

  Clock clock = Clock.systemUTC();

  @Override
  protected void validate() {
    by = requirePerson(by);
    if (applications != null) {
      applications.forEach(this::requireApplicationName);
    }
    until = until == null ? null : absolute(until.trim());
  }

  private String absolute(String when) {
    try {
      return dev.deployflow.model.FreezeUntil.parse(when, clock.instant()).toString();
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), bad.getMessage());
    }
  }


  @Override
  protected int execute(ReleaseClient client) {
    Freeze freeze = client.freeze(new FreezeMessage(by, reason, until, applications));
    if (json()) {
      Json.print(out(), freeze);
    } else {
      out().println("frozen: " + Printable.text(freeze.describe()) + " holds "
          + (freeze.applications().isEmpty() ? "every application" : String.join(", ", freeze.applications()))
          + "; lift it: " + hints().rewrite("deployflow unfreeze " + freeze.id()));
      out().flush();
    }
    return ExitCodes.OK;
  }
}
