package dev.deployflow.worker.temporal;

import java.util.Optional;

/**
 * A Temporal the worker runs itself because no Temporal address is configured: the Temporal
 * CLI's dev server ({@link DevServerProcess}, durable, with the UI) or the in-process Java test
 * server ({@link EmbeddedTemporalServer}, in memory).
 */
public interface EmbeddedTemporal extends AutoCloseable {

  /** The frontend's {@code host:port}. */
  String target();

  /** The frontend's port. */
  int port();

  /** The Temporal UI's base URL, when this Temporal has one. */
  Optional<String> uiUrl();

  /** Whether releases survive a restart of the worker. */
  boolean durable();

  /** One line for logs and health: what it is and where it keeps its state. */
  String description();

  /** Stops it; the dev server by its PID. */
  @Override
  void close();
}
