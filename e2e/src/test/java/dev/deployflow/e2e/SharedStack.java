package dev.deployflow.e2e;

import dev.deployflow.demo.target.DemoTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The suite's shared release stack on the dev server: one demo target (in this JVM, on a free
 * port) and one real worker process deploying to it. Test classes that do not kill or
 * reconfigure a worker share it, so that the suite starts one worker JVM instead of one per
 * class; each test releases its own application, so their workflows never meet. Its pipelines
 * are the e2e ones and the bundled {@code demo-shop}.
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
      Path workDir = E2ePaths.targetDir("workers/shared");
      WorkerProcess worker =
          WorkerProcess.builder(devServer.address(), "shared")
              .pipelinesDir(pipelinesWithTheDemo())
              .workDir(workDir)
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

  /**
   * The e2e pipelines plus the bundled {@code demo-shop.yaml}, whose commands run
   * {@code demo/ci/*.sh} from the work directory: both are copied under {@code e2e/target/}, so
   * that the checkout's {@code var/} stays untouched.
   */
  private static Path pipelinesWithTheDemo() {
    Path pipelines = E2ePaths.targetDir("shared-pipelines");
    Path ci = E2ePaths.targetDir("workers/shared/demo/ci");
    try {
      copyFiles(E2ePaths.pipelinesDir(), pipelines);
      Files.copy(
          E2ePaths.repoRoot().resolve("pipelines/demo-shop.yaml"),
          pipelines.resolve("demo-shop.yaml"),
          StandardCopyOption.REPLACE_EXISTING);
      copyFiles(E2ePaths.repoRoot().resolve("demo/ci"), ci);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pipelines;
  }

  private static void copyFiles(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
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
