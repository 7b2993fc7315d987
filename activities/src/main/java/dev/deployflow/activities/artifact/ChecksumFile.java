package dev.deployflow.activities.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the expected digest from a checksum file in {@code sha256sum} format
 * ({@code <64 hex digits>  <file name>}): the first token of the first line. Only the first few
 * kilobytes are read, whatever the file's size.
 */
final class ChecksumFile {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final int HEAD_BYTES = 4096;

  private ChecksumFile() {}

  /**
   * The expected digest in lower case, or null when the file does not start with one.
   *
   * @throws IOException when the file cannot be read
   */
  static String expectedDigest(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    String text = new String(head, StandardCharsets.UTF_8).strip();
    // A leading backslash marks an escaped file name in sha256sum output; it precedes the digest.
    if (text.startsWith("\\")) {
      text = text.substring(1);
    }
    String first = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return SHA256_HEX.matcher(first).matches() ? first : null;
  }
}
