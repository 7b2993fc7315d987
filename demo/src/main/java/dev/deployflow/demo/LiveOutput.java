package dev.deployflow.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The command line's output on its way to the console: passed on at once, and remembered line by
 * line, so that the demo can time what it adds by what the live view has already shown and tell
 * what the command's last words were.
 */
final class LiveOutput extends OutputStream {
  private final OutputStream console;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final List<String> lines = new ArrayList<>();

  LiveOutput(OutputStream console) {
    this.console = console;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    console.write(b);
    remember(b);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    console.write(bytes, offset, length);
    for (int i = offset; i < offset + length; i++) {
      remember(bytes[i]);
    }
  }

  @Override
  public void flush() throws IOException {
    console.flush();
  }

  /** Whether a complete line so far matches. */
  synchronized boolean hasShown(Predicate<String> line) {
    return lines.stream().anyMatch(line);
  }

  /** The last complete line that is not blank, or an empty string when there is none. */
  synchronized String lastLine() {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i);
      }
    }
    return "";
  }

  private void remember(int b) {
    if (b == '\n') {
      // Lines are decoded whole, so a character split over two writes stays intact.
      lines.add(partial.toString(StandardCharsets.UTF_8).stripTrailing());
      partial.reset();
    } else {
      partial.write(b);
    }
  }
}
