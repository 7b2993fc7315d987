package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deployflow promote APP --by NAME [--full]}: skip the current wait. */
@Command(name = "promote", description = "Skip the current wait of the rollout.")
final class PromoteCommand extends MessageCommand {
  @Option(names = "--full", description = "Skip every remaining rollout step as well.")
  boolean full;

  @Override
  String messageName() {
    return "promote";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.promote(application, new PromoteMessage(person, full));
  }
}
