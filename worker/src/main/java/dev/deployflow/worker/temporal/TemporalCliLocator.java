package dev.deployflow.worker.temporal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code temporal} CLI: the configured path first ({@code deployflow.embedded.temporal-cli}
 * or {@code DEPLOYFLOW_TEMPORAL_CLI}), then the copy {@code scripts/ensure-temporal.sh} installs
 * under {@code .tools/} of this directory or one of its parents, then the {@code PATH}.
 */
public final class TemporalCliLocator {
  /** The CLI version {@code scripts/ensure-temporal.sh} pins. */
  public static final String PINNED_VERSION = "1.9.1";

  /** The environment variable naming the binary. */
  public static final String ENV = "DEPLOYFLOW_TEMPORAL_CLI";

  private TemporalCliLocator() {}

  /** Looks from the current directory with the process environment. */
  public static Optional<Path> find(String configured) {
    return find(configured, Path.of("").toAbsolutePath(), System.getenv());
  }

  /**
   * Looks for the binary.
   *
   * @param configured an explicit path, or null/blank; a configured path that is not executable
   *     is an error, not a reason to look elsewhere
   * @param from the directory whose parents may hold {@code .tools/temporal-<version>/temporal}
   * @param env the environment ({@code DEPLOYFLOW_TEMPORAL_CLI}, {@code PATH})
   */
  public static Optional<Path> find(String configured, Path from, Map<String, String> env) {
    String explicit = configured != null && !configured.isBlank() ? configured : env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit.trim());
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(
            "the Temporal CLI named by deployflow.embedded.temporal-cli or " + ENV + " ("
                + explicit + ") is not an executable file");
      }
      return Optional.of(path);
    }
    for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path local = dir.resolve(".tools/temporal-" + PINNED_VERSION + "/temporal");
      if (Files.isExecutable(local)) {
        return Optional.of(local);
      }
    }
    String path = env.getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        Path candidate = Path.of(entry).resolve("temporal");
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
