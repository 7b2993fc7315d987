package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code deployflow freezes [--output json]}: the active freezes of the calendar. */
@Command(name = "freezes", description = "List the active freezes (stop the line).")
final class FreezesCommand extends ReleaseCommand {

  @Override
  protected int execute(ReleaseClient client) {
    List<Freeze> freezes = client.freezes();
    if (json()) {
      Json.print(out(), freezes);
    } else if (freezes.isEmpty()) {
      out().println("no active freeze");
    } else {
      for (Freeze f : freezes) {
        out().println(Printable.text(f.id() + "  since " + f.since() + "  "
            + (f.until() == null ? "until unfrozen" : "until " + f.until()) + "  by " + f.by() + "  "
            + (f.applications().isEmpty() ? "every application" : String.join(",", f.applications()))
            + "  " + f.reason()));
      }
    }
    out().flush();
    return ExitCodes.OK;
  }
}
