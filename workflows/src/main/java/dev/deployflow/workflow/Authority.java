package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Permissions;
import dev.deployflow.pipeline.Permissions.Action;
import dev.deployflow.pipeline.Pipeline;
import java.util.function.Supplier;

/**
 * Decides whether the sender of an operator message may send it, the same for an update's
 * validator and for a signal, whatever channel the message came through (the channels only say
 * who is speaking). The rules are {@link Permissions}; they need the pipeline, which the release
 * loads in an activity at its start.
 *
 * <p>Before the pipeline is known nobody can be checked. An update is then refused with a reason
 * that says so and asks to send it again (a refused update leaves no trace, so nothing is lost
 * silently). A signal cannot be answered, so {@link OperatorMessages} keeps it and checks it as
 * soon as the pipeline is known; a rollback signalled with the start of the release is therefore
 * never lost, yet still only counts when its sender may roll back.
 */
final class Authority {
  private final ReleaseRequest request;
  private Supplier<Pipeline> pipeline = () -> null;
  private Permissions permissions;

  Authority(ReleaseRequest request) {
    this.request = request;
  }

  /** Where the loaded pipeline is found; null until it is loaded. */
  void pipelineFrom(Supplier<Pipeline> source) {
    this.pipeline = source;
  }

  /** Whether the pipeline is known, so that senders can be checked. */
  boolean known() {
    return permissions() != null;
  }

  /**
   * Why {@code by} may not send the message, naming who may, or null when they may.
   *
   * @param what the message as the reason reads it, e.g. {@code promote} or {@code promote (full)}
   */
  String refuse(Action action, String by, String what) {
    Permissions rules = permissions();
    String release = request.application() + " " + request.version();
    if (rules == null) {
      return "the release " + release + " has not loaded its pipeline yet, so who may " + what
          + " it is not known; send it again in a moment";
    }
    return rules.refusal(action, by, what, release);
  }

  private Permissions permissions() {
    if (permissions == null) {
      Pipeline loaded = pipeline.get();
      if (loaded != null) {
        permissions = Permissions.of(loaded, request.requestedBy());
      }
    }
    return permissions;
  }
}
