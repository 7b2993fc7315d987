package dev.deployflow.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One in-process run of the command line: exit code, standard output and standard error. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return run(false, args);
  }

  /** As if on an interactive terminal: the live view redraws the screen. */
  static CliRun onTerminal(String... args) {
    return run(true, args);
  }

  private static CliRun run(boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = DeployflowCli.run(args, o, e, terminal);
      return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  List<String> outLines() {
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
  }
}
