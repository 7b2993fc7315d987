package dev.deployflow.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A list that keeps its first {@code head} entries and its most recent {@code tail} entries and
 * counts the ones it dropped in between, so that a release's timeline and its refused messages
 * stay small whatever happens (CONTRACT.md: "the timeline and the rejected messages keep the first
 * and the most recent entries and say how many were dropped"). A flood of 100,000 refused signals
 * costs {@code head + tail} entries and one counter. Adding is O(1).
 *
 * @param <T> the entry
 */
final class BoundedList<T> {

  /** Makes the entry that stands for the dropped ones, between the first and the most recent. */
  interface Marker<T> {
    T of(long dropped, T lastDropped);
  }

  private final int head;
  private final int tail;
  private final Marker<T> marker;
  private final List<T> first = new ArrayList<>();
  private final Deque<T> recent = new ArrayDeque<>();
  private long dropped;
  private T lastDropped;

  BoundedList(int head, int tail, Marker<T> marker) {
    if (head < 0 || tail < 1) {
      throw new IllegalArgumentException("a bounded list keeps at least its most recent entry");
    }
    this.head = head;
    this.tail = tail;
    this.marker = marker;
  }

  void add(T entry) {
    if (first.size() < head) {
      first.add(entry);
      return;
    }
    if (recent.size() == tail) {
      lastDropped = recent.removeFirst();
      dropped++;
    }
    recent.addLast(entry);
  }

  /** How many entries were dropped. */
  long dropped() {
    return dropped;
  }

  /** How many entries were added in all. */
  long added() {
    return first.size() + recent.size() + dropped;
  }

  /**
   * The kept entries in the order they were added, with one marker entry where entries were
   * dropped; immutable.
   */
  List<T> toList() {
    List<T> all = new ArrayList<>(first.size() + recent.size() + 1);
    all.addAll(first);
    if (dropped > 0) {
      all.add(marker.of(dropped, lastDropped));
    }
    all.addAll(recent);
    return List.copyOf(all);
  }
}
