package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deployflow promote APP --by NAME [--full [--all-waves]]}: skip the current wait; with
 * {@code --full} the remaining rollout steps of the current production wave; with
 * {@code --all-waves} those of every later wave too.
 */
@Command(name = "promote", description = "Skip the current wait of the rollout.")
final class PromoteCommand extends MessageCommand {
  @Option(names = "--full", description = "Skip every remaining rollout step of the current production wave as well.")
  boolean full;

  @Option(names = "--all-waves", description = "With --full: skip the remaining rollout steps of every later wave too.")
  boolean allWaves;

  @Override
  protected void validate() {
    super.validate();
    if (allWaves && !full) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--all-waves applies only with --full (it skips the remaining rollout steps of every wave)");
    }
  }

  @Override
  String messageName() {
    return "promote";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.promote(application, new PromoteMessage(person, full, allWaves));
  }
}
