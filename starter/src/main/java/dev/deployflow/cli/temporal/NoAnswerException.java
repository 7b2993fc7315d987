package dev.deployflow.cli.temporal;

import java.time.Duration;

/**
 * Temporal took the request but nobody answered in time: queries and updates are answered by a
 * worker, so this usually means no deployflow worker polls the task queue.
 */
public final class NoAnswerException extends RuntimeException {
  public NoAnswerException(String what, ConnectionSettings settings, Duration waited) {
    super("no answer to the " + what + " within " + waited.toSeconds() + "s: is a deployflow"
        + " worker polling task queue '" + settings.taskQueue() + "' at " + settings.address()
        + "? Start it with ./deployflow worker (or wait longer with --timeout).");
  }
}
