package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deployflow approve APP --by NAME}: one approval for the waiting gate. */
@Command(name = "approve", description = "Approve the gate that is waiting (one approval).")
final class ApproveCommand extends MessageCommand {
  @Option(names = "--gate", paramLabel = "GATE", description = "The gate (default: the one waiting now).")
  String gate;

  @Option(names = "--comment", paramLabel = "TEXT", description = "A comment kept with the approval.")
  String comment;

  @Override
  String messageName() {
    return "approve";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.approve(application, new ApproveMessage(person, gate, comment));
  }
}
