package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deployflow reject APP --by NAME}: fail the waiting gate; the release ends rejected. */
@Command(
    name = "reject",
    description = "Reject the gate that is waiting: nothing further is deployed and the release"
        + " ends rejected.")
final class RejectCommand extends MessageCommand {
  @Option(names = "--gate", paramLabel = "GATE", description = "The gate (default: the one waiting now).")
  String gate;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
  String reason;

  @Override
  String messageName() {
    return "reject";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.reject(application, new RejectMessage(person, gate, reason));
  }
}
