package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import picocli.CommandLine.Command;

/** {@code deployflow resume APP --by NAME}: continue a paused release. */
@Command(name = "resume", description = "Continue a paused release.")
final class ResumeCommand extends MessageCommand {
  @Override
  String messageName() {
    return "resume";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.resume(application, new ResumeMessage(person));
  }
}
