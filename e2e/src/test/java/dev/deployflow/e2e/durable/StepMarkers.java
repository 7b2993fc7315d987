package dev.deployflow.e2e.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files through which a test talks to the pipeline commands ({@code durable/step.sh}): a
 * {@code <step>.hold} file makes the first run of a step take seconds, {@code <step>.started}
 * says that run has begun, {@code <step>.runs} lists every run's idempotency key and
 * {@code <step>.applied} the keys a migration or build applied (once each).
 */
final class StepMarkers {
  private final Path root;

  /** Markers under {@code root}, emptied first. */
  StepMarkers(Path root) {
    this.root = root;
    try {
      if (Files.exists(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory the worker gets as {@code DURABLE_MARKERS}. */
  Path root() {
    return root;
  }

  /** Makes the first run of {@code step} of {@code application} slow. */
  void hold(String application, String step) {
    try {
      Path dir = Files.createDirectories(root.resolve(application));
      Files.writeString(dir.resolve(step + ".hold"), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the slow first run of {@code step} has begun. */
  boolean started(String application, String step) {
    return Files.exists(root.resolve(application).resolve(step + ".started"));
  }

  /** The idempotency key of every run of {@code step}, in order. */
  List<String> runs(String application, String step) {
    return lines(root.resolve(application).resolve(step + ".runs"));
  }

  /** The keys that {@code step} applied, each once unless something applied it twice. */
  List<String> applied(String application, String step) {
    return lines(root.resolve(application).resolve(step + ".applied"));
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
