package dev.deployflow.e2e.durable;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RunState;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Drives releases on the dev server the way a person does, through {@link ReleaseClient}, and
 * waits for what the tests need to see. A status query needs a worker: while none runs (just
 * after a kill) it fails, so waits retry it.
 */
final class ReleaseDriver {
  private static final Duration POLL = Duration.ofMillis(100);

  private final ReleaseClient releases;

  ReleaseDriver(ReleaseClient releases) {
    this.releases = releases;
  }

  ReleaseClient releases() {
    return releases;
  }

  /** Starts {@code application} at {@code version} with pipeline {@code pipeline}, requested by alice. */
  void start(String application, String pipeline, String version) {
    releases.start(new ReleaseRequest(application, version, pipeline, null, null, "alice", List.of(), null));
  }

  /** The status, or empty while no worker answers the query. */
  Optional<ReleaseStatus> status(String application) {
    try {
      return Optional.of(releases.status(application));
    } catch (RuntimeException noWorkerYet) {
      return Optional.empty();
    }
  }

  /** Waits up to {@code timeout} for a status that matches, and returns it. */
  ReleaseStatus awaitStatus(String application, Duration timeout, String what, Predicate<ReleaseStatus> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReleaseStatus last = null;
    while (System.nanoTime() < deadline) {
      Optional<ReleaseStatus> status = status(application);
      if (status.isPresent()) {
        last = status.get();
        if (condition.test(last)) {
          return last;
        }
      }
      sleep(POLL);
    }
    throw new AssertionError(application + ": not " + what + " within " + timeout.toSeconds() + " s; last status: "
        + (last == null ? "none (no worker answered)" : describe(last)));
  }

  /** Waits until the release waits at its approval gate, then approves it as bob. */
  ReleaseStatus approveWhenWaiting(String application, Duration timeout) {
    awaitStatus(application, timeout, "waiting for approval", ReleaseDriver::waitsForApproval);
    return releases.approve(application, new ApproveMessage("bob", null, null));
  }

  /** Whether the release waits for a person at the approval phase. */
  static boolean waitsForApproval(ReleaseStatus status) {
    return status.phase() == Phase.APPROVAL && status.state() == RunState.WAITING;
  }

  /**
   * What a person would see change when a release moves: its phase and state, the step it runs,
   * its last timeline line, how many measurements its analyses hold and how its compensations
   * stand. Two equal fingerprints mean nothing happened in between.
   */
  static String fingerprint(ReleaseStatus status) {
    List<ReleaseStatus.TimelineEvent> timeline = status.timeline();
    int measurements = status.analysis().stream().mapToInt(a -> a.measurements().size()).sum();
    StringBuilder text = new StringBuilder()
        .append(status.phase()).append('|').append(status.state()).append('|').append(status.currentStep())
        .append('|').append(timeline.size()).append(':')
        .append(timeline.isEmpty() ? "" : timeline.get(timeline.size() - 1).event())
        .append("|measurements ").append(measurements);
    status.compensations().forEach(c -> text.append('|').append(c.action()).append('=').append(c.state()));
    return text.toString();
  }

  /** One line for failure messages. */
  static String describe(ReleaseStatus status) {
    List<ReleaseStatus.TimelineEvent> timeline = status.timeline();
    return String.valueOf(status.phase()).toLowerCase(Locale.ROOT) + ", " + status.state() + ", step '"
        + status.currentStep() + "', last event '"
        + (timeline.isEmpty() ? "" : timeline.get(timeline.size() - 1).event()) + "'";
  }

  /** Waits up to {@code timeout} for {@code condition}. */
  static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + what + " within " + timeout.toSeconds() + " s");
      }
      sleep(Duration.ofMillis(50));
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
