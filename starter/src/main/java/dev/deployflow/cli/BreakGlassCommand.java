package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deployflow break-glass APP --by X --reason …}: let a hotfix pass the freezes that hold it. */
@Command(
    name = "break-glass",
    description = "Let a hotfix pass the freezes that hold it now (production approvers only; recorded).")
final class BreakGlassCommand extends MessageCommand {
  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why the hotfix may not wait.")
  String reason;

  @Override
  String messageName() {
    return "breakGlass";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.breakGlass(application, new BreakGlassMessage(person, reason));
  }
}
