package dev.deployflow.cli;

import dev.deployflow.cli.watch.StatusScreen;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code deployflow status APP}: the release's status, once. */
@Command(name = "status", description = "Show the status of the application's latest release.")
final class StatusCommand extends ReleaseCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The application.")
  String application;

  @Override
  protected void validate() {
    requireApplicationName(application);
  }

  @Override
  protected int execute(ReleaseClient client) {
    ReleaseStatus status = client.status(application);
    if (json()) {
      Json.print(out(), status);
    } else {
      new StatusScreen(false, hints()).render(status, null).forEach(out()::println);
      out().flush();
    }
    return ExitCodes.OK;
  }
}
