package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deployflow rollback APP --by NAME [--level config|code|full]}: roll back now. */
@Command(name = "rollback", description = "Roll the release back now.")
final class RollbackCommand extends MessageCommand {
  @Option(
      names = "--level",
      paramLabel = "config|code|full",
      description = "config: the pipeline's configuration rollback only; code (default): the"
          + " previous version of every changed component where the release is now; full: every"
          + " environment it touched, plus the configuration rollback.")
  RollbackLevel level;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
  String reason;

  @Override
  String messageName() {
    return "rollback";
  }

  @Override
  ReleaseStatus send(ReleaseClient client, String person) {
    return client.rollback(application, new RollbackMessage(person, reason, level));
  }
}
