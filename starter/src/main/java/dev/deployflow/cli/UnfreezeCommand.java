package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.UnfreezeMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deployflow unfreeze ID --by X}: lift a freeze; the releases it held continue. */
@Command(name = "unfreeze", description = "Lift a freeze; the releases it held continue.")
final class UnfreezeCommand extends ReleaseCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The freeze, e.g. freeze-1 (see: deployflow freezes).")
  String id;

  @Option(names = "--by", paramLabel = "NAME", defaultValue = "${env:USER}", description = "Who lifts it (default: $USER).")
  String by;

  @Override
  protected void validate() {
    by = requirePerson(by);
  }

  @Override
  protected int execute(ReleaseClient client) {
    Freeze lifted = client.unfreeze(new UnfreezeMessage(by, id));
    if (json()) {
      Json.print(out(), lifted);
    } else {
      out().println("unfrozen: " + Printable.text(lifted.describe()) + "; the releases it held continue");
      out().flush();
    }
    return ExitCodes.OK;
  }
}
