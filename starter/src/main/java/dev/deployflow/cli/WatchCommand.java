package dev.deployflow.cli;

import dev.deployflow.cli.watch.Watcher;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.StartedRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code deployflow watch APP}: follow the release live until it ends. */
@Command(
    name = "watch",
    description = {
      "Follow the application's release live until it ends, then print the outcome.",
      "On a terminal the screen is redrawn; otherwise one line per new event."
    })
final class WatchCommand extends ReleaseCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The application.")
  String application;

  @Mixin WatchOptions watchOptions;

  @Override
  protected void validate() {
    requireApplicationName(application);
  }

  @Override
  protected int execute(ReleaseClient client) {
    return follow(this, client, application, watchOptions, null);
  }

  /** Watches a release and prints its ending; shared with {@code start --watch}. */
  static int follow(
      ReleaseCommand command,
      ReleaseClient client,
      String application,
      WatchOptions options,
      StartedRelease started) {
    Watcher watcher = new Watcher(
        client,
        options.view(command.cli.output(), command.cli.terminal(), command.out(), command.hints()),
        options.interval());
    Watcher.Ending ending;
    try {
      ending = watcher.watch(application);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return command.fail("interrupted", "stopped watching " + application);
    }
    if (command.json()) {
      Json.print(command.out(), new WatchReport(started, ending.result(), ending.failure()));
    }
    return ending.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
