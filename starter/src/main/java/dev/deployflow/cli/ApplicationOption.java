package dev.deployflow.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The application of {@code history} and {@code dora}: {@code --app A}, or as the first argument like the other commands. */
final class ApplicationOption {
  @Option(names = "--app", paramLabel = "APP", description = "The application.")
  String option;

  @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "The application (instead of --app).")
  String positional;

  String value() {
    return option != null ? option : positional;
  }
}
