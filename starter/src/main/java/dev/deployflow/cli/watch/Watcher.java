package dev.deployflow.cli.watch;

import dev.deployflow.cli.temporal.NoAnswerException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.client.ReleaseRunFailedException;
import dev.deployflow.client.TemporalUnavailableException;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import io.temporal.client.WorkflowException;
import java.time.Duration;

/**
 * Follows one release until its workflow closes: polls the {@code status} query, hands each
 * status to a view, then fetches the result. It never sends anything to the release.
 */
public final class Watcher {
  /** How long to wait for the result once the run is closed (it is already there). */
  private static final Duration RESULT_WAIT = Duration.ofSeconds(30);

  private final ReleaseClient client;
  private final WatchView view;
  private final Duration interval;

  public Watcher(ReleaseClient client, WatchView view, Duration interval) {
    this.client = client;
    this.view = view;
    this.interval = interval;
  }

  /** How the watch ended: the release's result, or the reason its run failed. */
  public record Ending(ReleaseResult result, String failure) {
    public boolean succeeded() {
      return result != null && result.outcome() == dev.deployflow.model.Outcome.SUCCEEDED;
    }
  }

  /**
   * Watches until the release closes.
   *
   * @throws ReleaseNotFoundException when the application has no release
   */
  public Ending watch(String application) throws InterruptedException {
    while (true) {
      // Ask whether it still runs before asking its status: the last status seen is then the
      // final one, and the loop cannot miss the end.
      boolean running = client.isRunning(application);
      poll(application);
      if (!running) {
        break;
      }
      Thread.sleep(interval.toMillis());
    }
    try {
      ReleaseResult result = client.awaitResult(application, RESULT_WAIT);
      view.finish(result);
      return new Ending(result, null);
    } catch (ReleaseRunFailedException e) {
      view.failed(e.getMessage());
      return new Ending(null, e.getMessage());
    }
  }

  private void poll(String application) {
    try {
      ReleaseStatus status = client.status(application);
      view.update(status);
    } catch (WorkflowException | NoAnswerException | TemporalUnavailableException e) {
      // A query needs a worker; while none answers (the query's deadline passes: the client's
      // TemporalUnavailableException), the release goes on and so does the watch.
      // A release that does not exist (ReleaseNotFoundException) ends the watch instead.
      view.warn("no answer to the status query of " + application
          + " (is a worker polling task queue " + client.taskQueue() + "?)");
    }
  }
}
