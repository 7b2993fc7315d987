package dev.deployflow.model;

import java.util.List;

/**
 * The input of the freeze calendar: empty when it is started on demand, and what one run hands
 * the next when it continues as new (the active freezes, the held releases, the next id).
 *
 * @param freezes the active freezes
 * @param waiters the releases held by them
 * @param nextId the number of the next freeze id
 * @param maxMessages after how many messages a run continues as new; 0 or absent: the default
 */
public record FreezeCalendarInput(List<Freeze> freezes, List<FreezeWaiter> waiters, long nextId, int maxMessages) {

  public FreezeCalendarInput {
    freezes = freezes == null ? List.of() : List.copyOf(freezes);
    waiters = waiters == null ? List.of() : List.copyOf(waiters);
  }

  /** The input of a calendar started on demand. */
  public static FreezeCalendarInput empty() {
    return new FreezeCalendarInput(List.of(), List.of(), 1, 0);
  }
}
