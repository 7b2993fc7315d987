package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.SkipMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deployflow skip APP --by NAME --reason TEXT}: at a decision gate, go on past a failed smoke test or analysis. */
@Command(
    name = "skip",
    description = "At a decision gate (onFailure: ask): go on past a failed smoke test or analysis;"
        + " recorded in the status, the release log and the post-mortem. A deploy or migration"
        + " cannot be skipped.")
final class SkipCommand extends MessageCommand {
  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why the failed step may be skipped.")
  String reason;

  @Override
  String messageName() {
    return "skip";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.skip(application, new SkipMessage(person, reason));
  }
}
