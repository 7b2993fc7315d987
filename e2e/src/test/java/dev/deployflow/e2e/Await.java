package dev.deployflow.e2e;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.ReleaseClientException;
import dev.deployflow.model.ReleaseStatus;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.function.Predicate;

/** Polls a release's status until it matches, for tests on the real server. */
public final class Await {
  private Await() {}

  /** The first status of {@code application} that matches, or an AssertionError after timeout. */
  public static ReleaseStatus status(
      ReleaseClient releases, String application, Duration timeout, Predicate<ReleaseStatus> until) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReleaseStatus last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < deadline) {
      try {
        last = releases.status(application);
        if (until.test(last)) {
          return last;
        }
      } catch (ReleaseClientException | StatusRuntimeException e) {
        // Not started yet, or the worker is restarting: the query has no one to answer it.
        lastError = e;
      }
      sleep(250);
    }
    throw new AssertionError(
        "status of " + application + " did not match within " + timeout.toSeconds() + "s; last: "
            + (last != null ? last.phase() + "/" + last.state() + " " + last.currentStep() : lastError));
  }

  /** Whether the release waits at a gate. */
  public static boolean waitingAtGate(ReleaseStatus status) {
    return status.gates() != null
        && status.gates().stream().anyMatch(g -> g.state() == dev.deployflow.model.GateState.WAITING);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
