package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RetryMessage;
import picocli.CommandLine.Command;

/** {@code deployflow retry APP --by NAME}: at a decision gate, run the failed step again. */
@Command(
    name = "retry",
    description = "At a decision gate (onFailure: ask): run the failed step again, with a fresh"
        + " idempotency key.")
final class RetryCommand extends MessageCommand {
  @Override
  String messageName() {
    return "retry";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.retry(application, new RetryMessage(person));
  }
}
