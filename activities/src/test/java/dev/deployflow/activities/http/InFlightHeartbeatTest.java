package dev.deployflow.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.activities.command.Heartbeat;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The heartbeat that watches a call in flight, with a heartbeat that a test cancels. */
class InFlightHeartbeatTest {
  private static final Duration FAST = Duration.ofMillis(20);

  /** Records every beat; once cancelled, every beat throws, as the SDK's heartbeat does. */
  private static final class CancellableHeartbeat implements Heartbeat {
    final List<String> beats = new CopyOnWriteArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final AtomicInteger refusedBeats = new AtomicInteger();

    @Override
    public void beat(String detail) {
      beats.add(detail);
      if (cancelled.get()) {
        refusedBeats.incrementAndGet();
        throw new IllegalStateException("cancel requested");
      }
    }
  }

  @Test
  void beatsWhileTheCallIsInFlightAndReturnsItsAnswer() throws Exception {
    CancellableHeartbeat heartbeat = new CancellableHeartbeat();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> call(heartbeat, () -> {
      release.await();
      return "HTTP 200";
    }));

    awaitUntil(() -> heartbeat.beats.size() >= 4);
    assertThat(answer).isNotDone();
    release.countDown();

    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("HTTP 200");
    assertThat(heartbeat.beats.get(0)).isEqualTo("deploy api: sending");
    assertThat(heartbeat.beats.get(1)).startsWith("deploy api: sent ").endsWith("waiting for the answer");
  }

  @Test
  void aCancellationWaitsForTheCallToAnswerAndIsThrownAfterIt() throws Exception {
    CancellableHeartbeat heartbeat = new CancellableHeartbeat();
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean answered = new AtomicBoolean();
    CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> call(heartbeat, () -> {
      release.await();
      answered.set(true);
      return "HTTP 200";
    }));
    awaitUntil(() -> heartbeat.beats.size() >= 2);

    heartbeat.cancelled.set(true);
    // Several beats have reported the cancellation, and still the call is waited for.
    awaitUntil(() -> heartbeat.refusedBeats.get() >= 3);
    assertThat(outcome).isNotDone();
    assertThat(heartbeat.beats).last().asString().contains("cancelled, waiting for the answer before reporting it");

    release.countDown();
    assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cancel requested");
    assertThat(answered).isTrue();
  }

  @Test
  void aCancellationOutlivesAFailedCallAndCarriesItsError() throws Exception {
    CancellableHeartbeat heartbeat = new CancellableHeartbeat();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> call(heartbeat, () -> {
      release.await();
      throw new IOException("timeout");
    }));
    awaitUntil(() -> heartbeat.beats.size() >= 2);
    heartbeat.cancelled.set(true);
    awaitUntil(() -> heartbeat.refusedBeats.get() >= 1);
    release.countDown();

    assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
        .cause()
        .hasMessage("cancel requested")
        .satisfies(cancel -> assertThat(cancel.getSuppressed()).singleElement()
            .satisfies(suppressed -> assertThat(suppressed).hasMessage("timeout")));
  }

  @Test
  void aCancellationBeforeTheCallStopsItFromBeingSent() {
    CancellableHeartbeat heartbeat = new CancellableHeartbeat();
    heartbeat.cancelled.set(true);
    AtomicBoolean sent = new AtomicBoolean();

    assertThatThrownBy(() -> new InFlightHeartbeat(heartbeat, FAST).await("deploy api", () -> {
      sent.set(true);
      return "HTTP 200";
    })).hasMessage("cancel requested");
    assertThat(sent).isFalse();
  }

  @Test
  void anIoErrorWithoutCancellationIsThrownAsItIs() {
    CancellableHeartbeat heartbeat = new CancellableHeartbeat();
    assertThatThrownBy(() -> new InFlightHeartbeat(heartbeat, FAST).await("deploy api", () -> {
      throw new IOException("connection refused");
    })).isInstanceOf(IOException.class).hasMessage("connection refused");
  }

  private interface Blocking {
    String run() throws IOException, InterruptedException;
  }

  private static String call(Heartbeat heartbeat, Blocking blocking) {
    try {
      return new InFlightHeartbeat(heartbeat, FAST).await("deploy api", () -> {
        try {
          return blocking.run();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      });
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition reached within 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
