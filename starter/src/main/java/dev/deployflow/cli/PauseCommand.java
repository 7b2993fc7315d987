package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deployflow pause APP --by NAME}: hold the release before its next step. */
@Command(
    name = "pause",
    description = "Hold the release before its next step (running timers keep their deadlines).")
final class PauseCommand extends MessageCommand {
  @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
  String reason;

  @Override
  String messageName() {
    return "pause";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.pause(application, new PauseMessage(person, reason));
  }
}
