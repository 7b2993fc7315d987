package dev.deployflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the e2e suite finds the repository, writes its files, and finds the worker's jar. */
public final class E2ePaths {
  private E2ePaths() {}

  /** The repository's top directory. */
  public static Path repoRoot() {
    String configured = System.getProperty("deployflow.e2e.repoRoot");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    return root.toAbsolutePath().normalize();
  }

  /** {@code e2e/target}: every file the suite writes goes below it. */
  public static Path targetDir() {
    String configured = System.getProperty("deployflow.e2e.targetDir");
    Path dir = configured != null ? Path.of(configured) : repoRoot().resolve("e2e/target");
    return dir.toAbsolutePath().normalize();
  }

  /** A directory under {@code e2e/target}, created when missing. */
  public static Path targetDir(String name) {
    Path dir = targetDir().resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** The pipelines the e2e tests release: small, seconds-long pipelines against the demo target. */
  public static Path pipelinesDir() {
    return repoRoot().resolve("e2e/src/test/resources/pipelines");
  }

  /** The worker's runnable jar, built by the reactor's worker module before these tests run. */
  public static Path workerJar() {
    String configured = System.getProperty("deployflow.e2e.workerJar");
    if (configured != null && Files.isRegularFile(Path.of(configured))) {
      return Path.of(configured);
    }
    try (Stream<Path> jars = Files.list(repoRoot().resolve("worker/target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("deployflow-worker-.*-exec\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "worker/target/deployflow-worker-*-exec.jar is missing: run the e2e tests"
                          + " through the reactor, e.g. mvn -B -ntp -o -pl e2e -am verify"));
    } catch (IOException e) {
      throw new IllegalStateException("worker/target is missing: build the worker first", e);
    }
  }
}
