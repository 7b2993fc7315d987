package dev.deployflow.activities.releaselog;

import dev.deployflow.activity.FailureTypes;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.ReleaseLogActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * Keeps the release log and writes post-mortems.
 *
 * <p>The log is JSON lines ({@code settings.releaseLog()}), one line per release, appended with a
 * single write under a file lock (and a lock inside this JVM, where two activity threads would
 * otherwise collide on the same file lock). After each append the Markdown history
 * {@code release-history.md} beside the log is rewritten, newest release first, through a temporary
 * file and a rename so that a reader never sees half a page. A retried call that finds its
 * release (same application, version and start) already logged does not append it again.
 *
 * <p>A post-mortem is written to {@code <postMortemDir>/<application>-<version>-<yyyyMMdd-HHmmss>.md},
 * the time being the release's end (UTC), so a retry rewrites the same file.
 *
 * <p>Every text is masked (the worker's secrets, URL passwords) before it is written, and the
 * Markdown escapes every value, which came from a person or a process.
 *
 * <p>At completion the same record is also POSTed to the pipeline's {@code releaseLog} sinks
 * ({@link ReleaseLogPublisher}); a sink's failure is reported, never thrown.
 *
 * <p>I/O errors are retryable failures ({@code ReleaseLogWriteError}): a full disk or a busy
 * mount may recover. Nothing here is non-retryable.
 */
public final class ReleaseLogActivitiesImpl implements ReleaseLogActivities {
  /** The name of the Markdown history written beside the log. */
  public static final String HISTORY_FILE = "release-history.md";

  private static final Object IN_PROCESS_LOCK = new Object();
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final ActivitySettings settings;
  private final ReleaseLogPublisher publisher;

  /** Without an HTTP client of its own: release-log sinks get a client built from the settings. */
  public ReleaseLogActivitiesImpl(ActivitySettings settings) {
    this(settings, HttpClients.create(settings));
  }

  /** With the worker's shared HTTP client for the release-log sinks. */
  public ReleaseLogActivitiesImpl(ActivitySettings settings, OkHttpClient client) {
    this(settings, client, 3, Duration.ofMillis(250));
  }

  /** With its own retry budget for the sinks, so that tests do not sleep for the production backoff. */
  ReleaseLogActivitiesImpl(ActivitySettings settings, OkHttpClient client, int attempts, Duration firstBackoff) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.publisher = new ReleaseLogPublisher(
        settings, Objects.requireNonNull(client, "client"), JSON, attempts, firstBackoff);
  }

  @Override
  public PublishResult publishReleaseLog(PublishRequest request) {
    return publisher.publish(request);
  }

  @Override
  public String appendReleaseLog(ReleaseLogEntry unmasked) {
    ReleaseLogEntry entry = MaskedRecords.entry(unmasked, TemplateRenderer.forWorker(settings).masker());
    Path log = settings.releaseLog().toAbsolutePath().normalize();
    try {
      Files.createDirectories(log.getParent());
      byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (IN_PROCESS_LOCK) {
        try (FileChannel channel = FileChannel.open(
                log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            FileLock lock = channel.lock()) {
          LogContents contents = read(log);
          List<ReleaseLogEntry> entries = new ArrayList<>(contents.entries());
          if (!contents.contains(entry)) {
            writeFully(channel, line);
            channel.force(false);
            entries.add(entry);
          }
          Collections.reverse(entries);
          writeAtomically(
              log.resolveSibling(HISTORY_FILE),
              ReleaseHistoryMarkdown.render(entries, contents.unreadableLines()));
        }
      }
    } catch (IOException e) {
      throw writeError("could not update the release log " + log, e);
    }
    return log.toString();
  }

  @Override
  public String writePostMortem(PostMortem unmasked) {
    PostMortem postMortem = MaskedRecords.postMortem(unmasked, TemplateRenderer.forWorker(settings).masker());
    Path dir = settings.postMortemDir().toAbsolutePath().normalize();
    String fileName = safe(postMortem.application()) + "-" + safe(postMortem.version()) + "-"
        + FILE_TIME.format(endOf(postMortem)) + ".md";
    Path file = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      writeAtomically(file, PostMortemMarkdown.render(postMortem));
    } catch (IOException e) {
      throw writeError("could not write the post-mortem " + file, e);
    }
    return file.toString();
  }

  /** What the log holds now; lines that are not entries are counted, not fatal. */
  private static LogContents read(Path log) throws IOException {
    List<ReleaseLogEntry> entries = new ArrayList<>();
    int unreadable = 0;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        entries.add(JSON.readValue(line, ReleaseLogEntry.class));
      } catch (JacksonException e) {
        unreadable++;
      }
    }
    return new LogContents(entries, unreadable);
  }

  private record LogContents(List<ReleaseLogEntry> entries, int unreadableLines) {
    boolean contains(ReleaseLogEntry entry) {
      return entries.stream().anyMatch(e -> sameRelease(e, entry));
    }

    private static boolean sameRelease(ReleaseLogEntry a, ReleaseLogEntry b) {
      return Objects.equals(a.application(), b.application())
          && Objects.equals(a.version(), b.version())
          && Objects.equals(a.startedAt(), b.startedAt())
          && Objects.equals(a.outcome(), b.outcome());
    }
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      // A temporary file is private (0600); the history and post-mortems are for the whole team,
      // like the release log beside them.
      readableByAll(temp);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** When the release ended; the current time only when the post-mortem does not say. */
  private static Instant endOf(PostMortem postMortem) {
    for (String at : new String[] {postMortem.finishedAt(), postMortem.startedAt()}) {
      if (at != null && !at.isBlank()) {
        try {
          return Instant.parse(at);
        } catch (DateTimeParseException ignored) {
          // Try the next one; a malformed time must not lose the post-mortem.
        }
      }
    }
    return Instant.now();
  }

  /** A file-name-safe form of an application or version (versions may hold '/' or '+'). */
  private static String safe(String text) {
    if (text == null || text.isBlank()) {
      return "unknown";
    }
    return text.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static ApplicationFailure writeError(String message, IOException e) {
    return ApplicationFailure.newFailureWithCause(message + ": " + e, FailureTypes.RELEASE_LOG_WRITE_ERROR, e);
  }
}
