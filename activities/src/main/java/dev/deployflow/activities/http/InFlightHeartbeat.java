package dev.deployflow.activities.http;

import dev.deployflow.activities.command.Heartbeat;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heartbeats while an HTTP call is in flight, and holds a cancellation back until that call has
 * ended. Deploy hooks need both halves: a call that cannot be taken back. Reads (smoke tests,
 * metric measurements, version probes) need the first: a worker that dies during a read is noticed
 * at the heartbeat timeout, and a retry on another worker starts seconds later, not at the end of
 * the start-to-close timeout; waiting for a read to answer before reporting a cancellation costs at
 * most the HTTP client's call timeout.
 *
 * <p>A blocking HTTP call gives the activity thread no chance to heartbeat, so a second thread
 * beats every {@code interval}: a worker that dies mid-call is then noticed by Temporal at the
 * heartbeat timeout instead of the start-to-close timeout. When a beat reports a cancellation
 * (or that the activity is gone), the call is not abandoned: a deploy request that has been sent
 * is carried out by the server whatever the client does with the connection, and a compensation
 * that started before it answered could be overtaken by it. So the beats go on (they keep the
 * activity alive while the call ends), the call is allowed to answer or hit its own timeout, and
 * only then is the cancellation thrown, which makes the activity report itself cancelled. A
 * cancellation that arrived before the call was sent stops it from being sent at all.
 */
public final class InFlightHeartbeat {
  /** How often a call in flight is reported, well inside a 15-second heartbeat timeout. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);

  /** A call that blocks until it has an answer. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws IOException;
  }

  private final Heartbeat heartbeat;
  private final Duration interval;

  public InFlightHeartbeat(Heartbeat heartbeat, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive, was " + interval);
    }
    this.heartbeat = heartbeat;
    this.interval = interval;
  }

  /**
   * Runs the call on this thread while another one heartbeats {@code what} with the time waited.
   *
   * @param what the call as its heartbeat details name it (masked by the caller)
   * @return the call's answer when no cancellation arrived meanwhile
   * @throws IOException what the call threw, when no cancellation arrived meanwhile
   * @throws RuntimeException the heartbeat's first exception (the cancellation), thrown before
   *     the call is sent or after it has ended
   */
  public <T> T await(String what, Call<T> call) throws IOException {
    // Not sent yet: a release that is already being rolled back must not send it at all.
    heartbeat.beat(what + ": sending");
    AtomicReference<RuntimeException> stop = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    long started = System.nanoTime();
    Thread beats = new Thread(() -> beatUntil(ended, started, what, stop), "deployflow-heartbeat-" + what.hashCode());
    beats.setDaemon(true);
    beats.start();
    T answer;
    try {
      answer = call.run();
    } catch (IOException | RuntimeException failed) {
      RuntimeException cancellation = endBeats(ended, beats, stop);
      if (cancellation != null) {
        cancellation.addSuppressed(failed);
        throw cancellation;
      }
      throw failed;
    }
    RuntimeException cancellation = endBeats(ended, beats, stop);
    if (cancellation != null) {
      throw cancellation;
    }
    return answer;
  }

  private void beatUntil(CountDownLatch ended, long started, String what, AtomicReference<RuntimeException> stop) {
    try {
      while (!ended.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
        long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String detail = stop.get() == null
            ? what + ": sent " + waited + " s ago, waiting for the answer"
            : what + ": sent " + waited + " s ago; cancelled, waiting for the answer before reporting it";
        try {
          heartbeat.beat(detail);
        } catch (RuntimeException cancelledOrGone) {
          // Keep the first one: it is what the activity reports once the call has ended. Later
          // beats still reach Temporal and keep the attempt alive until then.
          stop.compareAndSet(null, cancelledOrGone);
        }
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static RuntimeException endBeats(CountDownLatch ended, Thread beats, AtomicReference<RuntimeException> stop) {
    ended.countDown();
    try {
      beats.join();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return stop.get();
  }
}
