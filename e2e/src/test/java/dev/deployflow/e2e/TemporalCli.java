package dev.deployflow.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code temporal} binary against the suite's dev server, as a person would type
 * it, with {@code --address} appended (the commands the README prints assume the default
 * 127.0.0.1:7233, which tests never use).
 */
public final class TemporalCli {
  private final Path binary;
  private final String address;

  TemporalCli(Path binary, String address) {
    this.binary = binary;
    this.address = address;
  }

  /** What one command printed and how it ended. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    /** The command's output, both streams, for assertion messages. */
    public String describe() {
      return String.join(" ", command) + "\n-> exit " + exitCode + "\nstdout:\n" + stdout
          + "\nstderr:\n" + stderr;
    }
  }

  /** Runs {@code temporal <args> --address <server>} and waits up to 60 s for it. */
  public Result run(String... args) {
    return run(List.of(args));
  }

  /** Runs {@code temporal <args> --address <server>} and waits up to 60 s for it. */
  public Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    command.add("--address");
    command.add(address);
    try {
      Path out = Files.createTempFile(E2ePaths.targetDir("cli"), "out", ".txt");
      Path err = Files.createTempFile(E2ePaths.targetDir("cli"), "err", ".txt");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("temporal did not finish within 60s: " + command);
      }
      Result result =
          new Result(
              command,
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return result;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
