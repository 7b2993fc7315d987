package dev.deployflow.activities.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streams a file through SHA-256 with one fixed buffer, so that a multi-GB artifact takes the
 * same memory as a small one. Progress is reported every {@link #PROGRESS_EVERY_BYTES}.
 */
final class Sha256 {
  /** 1 MiB: large enough that the per-read cost vanishes next to hashing, small enough to be free. */
  static final int BUFFER_BYTES = 1 << 20;

  /**
   * 8 MiB: often enough that even a slow network mount (1 MB/s) reports well inside the activity's
   * heartbeat timeout; the SDK throttles the heartbeats that reach Temporal anyway.
   */
  static final long PROGRESS_EVERY_BYTES = 8L << 20;

  /** Told how far the hashing of a file has come. */
  @FunctionalInterface
  interface Progress {
    void hashed(long bytesRead);
  }

  private Sha256() {}

  /** The lower-case hex SHA-256 of the file. */
  static String of(Path file, Progress progress) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BUFFER_BYTES];
    long total = 0;
    long nextReport = PROGRESS_EVERY_BYTES;
    // Reported at the start too, so that a check of many small files beats once per file.
    progress.hashed(0);
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        digest.update(buffer, 0, n);
        total += n;
        if (total >= nextReport) {
          progress.hashed(total);
          nextReport = total + PROGRESS_EVERY_BYTES;
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256; its absence is a broken JVM, not a bad artifact.
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
