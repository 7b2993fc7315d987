package dev.deployflow.activities.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the worker variables that the pipelines in a directory reference as
 * {@code ${env:NAME}}, so that every activity can mask all of their values, not only those its
 * own step read. Files are read again only when they change; names, never values, are kept.
 */
final class ReferencedEnvNames {
  private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final long MAX_FILE_BYTES = 1024 * 1024;

  private record Scanned(FileTime modified, long size, Set<String> names) {}

  private static final ConcurrentHashMap<Path, Scanned> CACHE = new ConcurrentHashMap<>();

  private ReferencedEnvNames() {}

  /** The names referenced by any {@code *.yaml} or {@code *.yml} file in the directory; empty when it cannot be read. */
  static Set<String> in(Path pipelinesDir) {
    Set<String> names = new TreeSet<>();
    if (pipelinesDir == null || !Files.isDirectory(pipelinesDir)) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pipelinesDir, "*.{yaml,yml}")) {
      for (Path file : files) {
        names.addAll(namesIn(file));
      }
    } catch (IOException unreadable) {
      // The pipeline activity reports an unreadable directory; masking keeps what it knows.
    }
    return names;
  }

  private static Set<String> namesIn(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      Scanned cached = CACHE.get(file);
      if (cached != null && cached.modified().equals(modified) && cached.size() == size) {
        return cached.names();
      }
      if (size > MAX_FILE_BYTES) {
        return Set.of();
      }
      Set<String> names = new TreeSet<>();
      Matcher m = ENV_PLACEHOLDER.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (m.find()) {
        names.add(m.group(1));
      }
      Set<String> frozen = Set.copyOf(names);
      CACHE.put(file, new Scanned(modified, size, frozen));
      return frozen;
    } catch (IOException unreadable) {
      return Set.of();
    }
  }
}
