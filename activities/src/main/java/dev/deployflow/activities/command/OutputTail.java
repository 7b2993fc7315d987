package dev.deployflow.activities.command;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written to it, in a fixed ring buffer: a command that
 * prints gigabytes costs no more memory than one that prints a line. Thread-safe, because the
 * output pump writes while the heartbeat reads.
 */
public final class OutputTail {
  private final byte[] ring;
  private long total;

  /** A tail keeping at most {@code capacity} bytes. */
  public OutputTail(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.ring = new byte[capacity];
  }

  /** Appends bytes, forgetting the oldest ones beyond the capacity. */
  public synchronized void write(byte[] bytes, int offset, int length) {
    if (length >= ring.length) {
      offset += length - ring.length;
      total += length - ring.length;
      length = ring.length;
    }
    int start = (int) (total % ring.length);
    int first = Math.min(length, ring.length - start);
    System.arraycopy(bytes, offset, ring, start, first);
    System.arraycopy(bytes, offset + first, ring, 0, length - first);
    total += length;
  }

  /** How many bytes were written in all. */
  public synchronized long totalBytes() {
    return total;
  }

  /** Whether older output was dropped. */
  public synchronized boolean truncated() {
    return total > ring.length;
  }

  /**
   * The kept bytes as UTF-8 text. When output was dropped, a character cut in half at the start
   * is skipped rather than shown as garbage.
   */
  public synchronized String text() {
    int size = (int) Math.min(total, ring.length);
    byte[] ordered = new byte[size];
    int start = total > ring.length ? (int) (total % ring.length) : 0;
    int first = Math.min(size, ring.length - start);
    System.arraycopy(ring, start, ordered, 0, first);
    System.arraycopy(ring, 0, ordered, first, size - first);
    int skip = 0;
    if (truncated()) {
      // UTF-8 continuation bytes look like 10xxxxxx; a character never has more than three.
      while (skip < Math.min(3, size) && (ordered[skip] & 0xC0) == 0x80) {
        skip++;
      }
    }
    return new String(ordered, skip, size - skip, StandardCharsets.UTF_8);
  }
}
