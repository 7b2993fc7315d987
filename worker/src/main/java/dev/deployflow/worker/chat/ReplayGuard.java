package dev.deployflow.worker.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accepts each signed chat request once. A valid signature is remembered until its timestamp
 * leaves the accepted window, after which the verifier refuses the request as stale anyway, so
 * the memory never needs to be longer than the window.
 *
 * <p>The memory is bounded: when it is full of requests still inside the window, new requests
 * are refused until room frees up, rather than forgetting one that could then be replayed. Only
 * correctly signed requests are remembered, so only the holder of the signing secret can fill
 * it.
 */
public final class ReplayGuard {

  /** What became of a request. */
  public enum Verdict {
    FIRST_SEEN,
    REPLAYED,
    FULL
  }

  private final Duration window;
  private final int capacity;
  private final Clock clock;
  // Signature to the epoch second after which the request is stale, in arrival order.
  private final Map<String, Long> seen = new LinkedHashMap<>();

  public ReplayGuard(Duration window, int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.window = window;
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * Records the request signed {@code signature} at {@code timestamp} (epoch seconds), whose
   * signature has been verified, and says whether it was seen before.
   */
  public synchronized Verdict admit(String signature, long timestamp) {
    long now = clock.instant().getEpochSecond();
    forgetExpired(now);
    if (seen.containsKey(signature)) {
      return Verdict.REPLAYED;
    }
    if (seen.size() >= capacity) {
      return Verdict.FULL;
    }
    seen.put(signature, timestamp + window.toSeconds());
    return Verdict.FIRST_SEEN;
  }

  /** How many requests are remembered now. */
  public synchronized int size() {
    return seen.size();
  }

  private void forgetExpired(long now) {
    // Arrival order is nearly expiry order, so the oldest arrivals are checked first; when full,
    // every entry is checked, because a request may carry an older timestamp than its
    // predecessor.
    Iterator<Map.Entry<String, Long>> entries = seen.entrySet().iterator();
    boolean full = seen.size() >= capacity;
    while (entries.hasNext()) {
      Map.Entry<String, Long> entry = entries.next();
      if (entry.getValue() < now) {
        entries.remove();
      } else if (!full) {
        return;
      }
    }
  }
}
