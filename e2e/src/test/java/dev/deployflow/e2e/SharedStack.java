package dev.deployflow.e2e;

import dev.deployflow.demo.target.DemoTarget;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The suite's shared release stack on the dev server: one demo target (in this JVM, on a free
 * port) and one real worker process deploying to it. Test classes that do not kill or
 * reconfigure a worker share it, so that the suite starts one worker JVM instead of one per
 * class; each test releases its own application, so their workflows never meet.
 */
public final class SharedStack implements AutoCloseable {
  private final DevServer devServer;
  private final DemoTarget target;
  private final WorkerProcess worker;

  private SharedStack(DevServer devServer, DemoTarget target, WorkerProcess worker) {
    this.devServer = devServer;
    this.target = target;
    this.worker = worker;
  }

  static SharedStack start(DevServer devServer) {
    DemoTarget target;
    try {
      target = DemoTarget.start(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      WorkerProcess worker =
          WorkerProcess.builder(devServer.address(), "shared")
              .env("DEMO_TARGET_URL", target.url())
              .start();
      System.out.printf(
          "e2e: shared worker (pid %d) ready after %d ms on port %d; log %s%n",
          worker.pid(), worker.lastReadyMillis(), worker.httpPort(), worker.logFile());
      return new SharedStack(devServer, target, worker);
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  public DevServer devServer() {
    return devServer;
  }

  /** The demo target every release of the shared worker deploys to. */
  public DemoTarget target() {
    return target;
  }

  /** The shared worker; do not kill it (start a {@link WorkerProcess} of your own for that). */
  public WorkerProcess worker() {
    return worker;
  }

  @Override
  public void close() {
    try {
      worker.close();
    } finally {
      target.close();
    }
  }
}
