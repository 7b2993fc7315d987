package dev.deployflow.activities.artifact;

import dev.deployflow.activity.FailureTypes;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.secrets.SecretMasker;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.ArtifactActivities;
import dev.deployflow.pipeline.ArtifactSpec;
import dev.deployflow.pipeline.Sizes;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks build artifacts (checkpoint 1, artifact integrity): each one must exist as a regular
 * file, stay within its size limit, and have the SHA-256 that its {@code sha256sum}-format
 * checksum file names. Paths are rendered with the release variables (and {@code ${env:NAME}},
 * whose values are masked in every path and problem reported) and resolved against the worker's
 * working directory.
 *
 * <p>A failed check is not an exception: it goes into the report ({@code passed=false} and a
 * sentence in {@code problem}) and the workflow decides. This includes a missing file and a bad
 * {@code maxSize}, which no retry could change. An I/O error while reading an artifact or its
 * checksum file is thrown as a retryable {@code ArtifactReadError}, because a flaky disk or a
 * network mount often reads fine the second time.
 *
 * <p>Files are hashed in a stream with one fixed buffer, so a multi-GB artifact needs constant
 * memory; inside an activity, progress is sent as a heartbeat every 8 MiB so that a heartbeat
 * timeout catches a hung read and a retry can see how far the last attempt came.
 */
public final class ArtifactActivitiesImpl implements ArtifactActivities {
  /** Failure type of an artifact or checksum file that could not be read (retryable). */
  public static final String READ_ERROR = FailureTypes.ARTIFACT_READ_ERROR;

  private final ActivitySettings settings;

  public ArtifactActivitiesImpl(ActivitySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** What an artifact check sends as heartbeat details while it hashes a file. */
  public record HashProgress(String path, long bytesHashed, long sizeBytes) {}

  @Override
  public ArtifactReport verifyArtifacts(ArtifactRequest request) {
    Map<String, String> vars = request.vars() == null ? Map.of() : request.vars();
    // One renderer per call: its masker learns every ${env:…} value a path used.
    TemplateRenderer renderer = new TemplateRenderer(settings.environment());
    List<ArtifactCheck> checks = new ArrayList<>();
    if (request.artifacts() != null) {
      for (ArtifactSpec spec : request.artifacts()) {
        checks.add(check(spec, vars, renderer));
      }
    }
    return new ArtifactReport(request.component(), checks);
  }

  private ArtifactCheck check(ArtifactSpec spec, Map<String, String> vars, TemplateRenderer renderer) {
    SecretMasker masker = renderer.masker();
    String written = spec.path();
    String shown;
    Path file;
    try {
      String rendered = renderer.render(written, vars);
      if (rendered == null || rendered.isBlank()) {
        return failed(written, 0, null, "the artifact has no path");
      }
      file = settings.workDir().resolve(rendered).normalize();
      shown = masker.mask(rendered);
    } catch (IllegalArgumentException e) {
      return failed(written, 0, null, "its path cannot be rendered: " + e.getMessage());
    }
    if (!Files.exists(file)) {
      return failed(shown, 0, null, shown + " is missing (looked for " + masker.mask(file.toString()) + ")");
    }
    if (!Files.isRegularFile(file)) {
      return failed(shown, 0, null, shown + " is not a regular file");
    }
    long size = sizeOf(file, shown, masker);
    if (spec.maxSize() != null && !spec.maxSize().isBlank()) {
      long limit;
      try {
        limit = Sizes.parse(spec.maxSize());
      } catch (IllegalArgumentException e) {
        return failed(shown, size, null, "maxSize: " + e.getMessage());
      }
      if (size > limit) {
        // Hashing a file that already failed would only cost time.
        return failed(shown, size, null,
            shown + " is " + human(size) + " (" + size + " bytes), over its limit of " + spec.maxSize());
      }
    }
    String actual = hash(file, shown, size, masker);
    if (spec.sha256File() == null || spec.sha256File().isBlank()) {
      return new ArtifactCheck(shown, true, size, actual, null);
    }
    return compareWithChecksumFile(spec.sha256File(), vars, renderer, shown, size, actual);
  }

  private ArtifactCheck compareWithChecksumFile(
      String checksumTemplate,
      Map<String, String> vars,
      TemplateRenderer renderer,
      String shown,
      long size,
      String actual) {
    SecretMasker masker = renderer.masker();
    String checksumShown;
    Path checksumFile;
    try {
      String rendered = renderer.render(checksumTemplate, vars);
      checksumFile = settings.workDir().resolve(rendered).normalize();
      checksumShown = masker.mask(rendered);
    } catch (IllegalArgumentException e) {
      return failed(shown, size, actual, "its sha256File cannot be rendered: " + e.getMessage());
    }
    if (!Files.isRegularFile(checksumFile)) {
      return failed(shown, size, actual, "the checksum file " + checksumShown + " is missing (looked for "
          + masker.mask(checksumFile.toString()) + ")");
    }
    String expected;
    try {
      expected = ChecksumFile.expectedDigest(checksumFile);
    } catch (IOException e) {
      throw readError(checksumShown, e, masker);
    }
    if (expected == null) {
      return failed(shown, size, actual,
          "the checksum file " + checksumShown + " does not start with a SHA-256 (64 hex digits)");
    }
    if (!expected.equals(actual)) {
      return failed(shown, size, actual,
          "the SHA-256 of " + shown + " is " + actual + " but " + checksumShown + " says " + expected);
    }
    return new ArtifactCheck(shown, true, size, actual, null);
  }

  private static String hash(Path file, String shown, long size, SecretMasker masker) {
    ActivityExecutionContext context = currentActivity();
    Sha256.Progress progress = context == null
        ? bytes -> {}
        : bytes -> context.heartbeat(new HashProgress(shown, bytes, size));
    try {
      return Sha256.of(file, progress);
    } catch (IOException e) {
      throw readError(shown, e, masker);
    }
  }

  private static long sizeOf(Path file, String shown, SecretMasker masker) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw readError(shown, e, masker);
    }
  }

  /** The running activity's context, or null when called outside an activity (tests, tools). */
  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return null;
    }
  }

  /*
   * The I/O error's text names the rendered path, which may hold a secret: it is masked, and the
   * error is not attached as the cause because Temporal would record its unmasked text.
   */
  private static ApplicationFailure readError(String shown, IOException e, SecretMasker masker) {
    return ApplicationFailure.newFailure("could not read " + shown + ": " + masker.mask(e.toString()), READ_ERROR);
  }

  private static ArtifactCheck failed(String path, long size, String sha256, String problem) {
    return new ArtifactCheck(path, false, size, sha256, problem);
  }

  private static String human(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / (double) (1L << 10));
    }
    return bytes + " B";
  }
}
