package dev.deployflow.demo;

import dev.deployflow.demo.DemoRun.ReleaseReport;
import dev.deployflow.demo.target.TargetState;
import dev.deployflow.demo.target.TargetState.ComponentView;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The closing words of the demo: how each release went, what runs now, and where to read more. */
final class DemoSummary {
  private DemoSummary() {}

  /** A duration as a person reads it: {@code 12.3s}. */
  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }

  /** Whether every release ended as the demo expects. */
  static boolean allAsExpected(List<ReleaseReport> reports) {
    return reports.size() == DemoRun.RELEASES.size()
        && reports.stream().allMatch(ReleaseReport::asExpected);
  }

  /**
   * Prints the summary.
   *
   * @param base paths under it are shown relative to it
   * @param since files written before it are not this run's
   */
  static void print(
      PrintStream out,
      List<ReleaseReport> reports,
      DemoStack stack,
      Path base,
      Instant since,
      Duration total) {
    out.println();
    out.println("=== Demo summary ===");
    for (int i = 0; i < reports.size(); i++) {
      ReleaseReport r = reports.get(i);
      out.printf(
          Locale.ROOT,
          "  release %d  %-10s %-12s %-18s %6s%n",
          i + 1,
          r.version(),
          r.outcome(),
          r.asExpected() ? "(as expected)" : "(expected " + r.expected().json() + ")",
          seconds(r.duration()));
    }
    TargetState state = stack.target().state();
    out.println("  production now runs: " + describe(state.snapshot().get("production")));
    out.println("  production-eu runs:  " + describe(state.snapshot().get("production-eu")));
    out.println("  staging now runs:    " + describe(state.snapshot().get("staging")));
    List<String> events =
        state.notifications().stream()
            .map(n -> n instanceof Map<?, ?> m ? String.valueOf(m.get("event")) : "?")
            .toList();
    out.println("  notifications the target received: " + events.size()
        + (events.isEmpty() ? "" : " (" + String.join(", ", events) + ")"));
    DemoStack.Settings settings = stack.settings();
    out.println("  release log:     " + shown(base, settings.releaseLog()));
    out.println("  release history: " + shown(base, settings.releaseHistory()));
    List<Path> postMortems = writtenSince(settings.postMortemDir(), since);
    if (postMortems.isEmpty()) {
      out.println("  post-mortems:    none written (in " + shown(base, settings.postMortemDir()) + ")");
    }
    for (Path postMortem : postMortems) {
      out.println("  post-mortem:     " + shown(base, postMortem));
    }
    out.println("  worker log:      " + shown(base, settings.workerLog()));
    out.println();
    if (allAsExpected(reports)) {
      out.println("Demo finished in " + seconds(total) + ": every release ended as expected.");
    } else {
      out.println("Demo finished in " + seconds(total) + ", but not every release ended as expected;"
          + " see the worker log.");
    }
  }

  private static String describe(Map<String, ComponentView> components) {
    return components.entrySet().stream()
        .map(
            e ->
                e.getKey() + " " + e.getValue().version()
                    + (e.getValue().candidate() == null
                        ? ""
                        : " (candidate " + e.getValue().candidate() + " at "
                            + e.getValue().weight() + "%)"))
        .collect(Collectors.joining(", "));
  }

  /** The files in {@code dir} modified at or after {@code since}, oldest first. */
  static List<Path> writtenSince(Path dir, Instant since) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !modified(p).isBefore(since.minusSeconds(1)))
          .sorted((a, b) -> modified(a).compareTo(modified(b)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shown(Path base, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path root = base.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }
}
