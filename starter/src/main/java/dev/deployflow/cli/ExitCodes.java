package dev.deployflow.cli;

/** The exit codes of every command, and their lines in {@code --help}. */
final class ExitCodes {
  /** Accepted; for {@code watch} and {@code start --watch}: the release succeeded. */
  static final int OK = 0;

  /** Refused, release not succeeded, no such release, or Temporal unreachable. */
  static final int FAILED = 1;

  /** The command line itself was wrong (picocli's usage error code). */
  static final int USAGE = 2;

  static final String HEADING = "%nExit codes:%n";
  static final String OK_LINE = "0:accepted; for watch and start --watch: the release succeeded";
  static final String FAILED_LINE =
      "1:refused (the release's reason is printed), release not succeeded, no such release,"
          + " or Temporal unreachable";
  static final String USAGE_LINE = "2:usage error";

  private ExitCodes() {}
}
