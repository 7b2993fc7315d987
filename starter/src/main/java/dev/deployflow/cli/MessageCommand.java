package dev.deployflow.cli;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ReleaseStatus;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * An operator message sent through the workflow update of the same name: the release's validator
 * accepts it (exit 0, the acknowledgement is printed) or refuses it (exit 1, its reason is
 * printed) without leaving a trace in history.
 */
abstract class MessageCommand extends ReleaseCommand {
  @Parameters(index = "0", paramLabel = "APP", description = "The application whose release it is.")
  String application;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${env:USER}",
      description = "Who sends it (default: $USER).")
  String by;

  /** The update's name, e.g. {@code approve}. */
  abstract String messageName();

  /** Sends the message as {@code person}; returns the status the workflow answered with. */
  abstract ReleaseStatus send(ReleaseClient client, String person);

  @Override
  protected void validate() {
    requireApplicationName(application);
    by = requirePerson(by);
  }

  @Override
  protected int execute(ReleaseClient client) {
    ReleaseStatus status = send(client, by);
    if (json()) {
      Json.print(out(), new Acknowledgement(messageName(), application, true, status));
    } else {
      out().println(Printable.line(acknowledgement(status)));
      out().flush();
    }
    return ExitCodes.OK;
  }

  private String acknowledgement(ReleaseStatus status) {
    StringBuilder line = new StringBuilder()
        .append(messageName()).append(" accepted: ")
        .append(application).append(' ').append(status.version());
    if (status.phase() != null) {
      line.append(" is in phase ").append(status.phase().json());
    }
    if (status.state() != null) {
      line.append(" (").append(status.state().json()).append(')');
    }
    if (status.currentStep() != null && !status.currentStep().isBlank()) {
      line.append(": ").append(status.currentStep());
    }
    return line.toString();
  }
}
