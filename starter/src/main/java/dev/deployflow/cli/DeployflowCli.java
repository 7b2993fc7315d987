package dev.deployflow.cli;

import dev.deployflow.cli.temporal.ConnectionSettings;
import dev.deployflow.model.Impact;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.api.DeploymentWorkflow;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code deployflow} command line: start, watch and steer releases, each one a durable
 * Temporal workflow {@code deploy-<application>}. It talks to Temporal only, so it works with
 * any worker on the task queue. Usable in-process through {@link #run}: no command exits the JVM.
 */
@Command(
    name = "deployflow",
    mixinStandardHelpOptions = true,
    versionProvider = DeployflowCli.Version.class,
    description = {
      "Start, watch and steer releases. Each release is one durable Temporal workflow,"
          + " deploy-<application>: one release in flight per application.",
      ""
    },
    subcommands = {
      StartCommand.class,
      WatchCommand.class,
      StatusCommand.class,
      PlanCommand.class,
      ApproveCommand.class,
      RejectCommand.class,
      RollbackCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      PromoteCommand.class,
      RetryCommand.class,
      SkipCommand.class,
      FreezeCommand.class,
      UnfreezeCommand.class,
      FreezesCommand.class,
      BreakGlassCommand.class,
      HistoryCommand.class,
      DoraCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE},
    footerHeading = "%nExamples:%n",
    footer = {
      "  deployflow start --app shop-api --version 1.2.0 --watch",
      "  deployflow approve shop-api --by bob",
      "  deployflow status shop-api --output json"
    })
public final class DeployflowCli implements Runnable {

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}",
      description = "Temporal frontend address (default: $TEMPORAL_ADDRESS, else ${DEFAULT-VALUE}).")
  String temporal;

  @Option(
      names = "--namespace",
      scope = ScopeType.INHERIT,
      defaultValue = "default",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--task-queue",
      scope = ScopeType.INHERIT,
      defaultValue = DeploymentWorkflow.TASK_QUEUE,
      description = "Task queue the worker polls (default: ${DEFAULT-VALUE}).")
  String taskQueue;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      scope = ScopeType.INHERIT,
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      description = "text for people, json for scripts (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      scope = ScopeType.INHERIT,
      defaultValue = "20",
      description = "How long to wait for the release's worker to answer a query or a message"
          + " (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Spec CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final CommandHints hints;

  DeployflowCli(PrintStream out, PrintStream err, boolean terminal, CommandHints hints) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.hints = hints;
  }

  /**
   * Runs one command line and returns its exit code: 0 accepted or succeeded, 1 refused or not
   * succeeded (or not found, or Temporal unreachable), 2 usage error. Never exits the JVM. Every
   * {@code deployflow …} command it shows is written as the hints say (e.g.
   * {@code ./deployflow approve …}).
   */
  public static int run(String[] args, PrintStream out, PrintStream err, CommandHints hints) {
    return run(args, out, err, false, hints);
  }

  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal, CommandHints hints) {
    CommandLine commandLine = commandLine(out, err, terminal, hints);
    return commandLine.execute(args);
  }

  /** Runs the command line on the process's standard streams and exits with its code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, out, err, Terminal.isInteractive(), CommandHints.fromEnvironment(System.getenv()));
    out.flush();
    err.flush();
    System.exit(code);
  }

  private static CommandLine commandLine(
      PrintStream out, PrintStream err, boolean terminal, CommandHints hints) {
    CommandLine commandLine = new CommandLine(new DeployflowCli(out, err, terminal, hints));
    if (!CommandHints.DEFAULT_PROGRAM.equals(hints.program())) {
      // Usage lines, "Try '… --help'" and the examples name the program as the person typed it.
      commandLine.setCommandName(hints.program());
      String[] footer = commandLine.getCommandSpec().usageMessage().footer();
      for (int i = 0; i < footer.length; i++) {
        footer[i] = hints.rewrite(footer[i]);
      }
      commandLine.getCommandSpec().usageMessage().footer(footer);
    }
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.registerConverter(ReleaseKind.class, lowerCase(ReleaseKind::fromJson));
    commandLine.registerConverter(Impact.class, lowerCase(Impact::fromJson));
    commandLine.registerConverter(RollbackLevel.class, lowerCase(RollbackLevel::fromJson));
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          // The error and where to read more; the full usage is one --help away.
          CommandLine failed = e.getCommandLine();
          err.println("deployflow: " + Printable.text(e.getMessage()));
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more.");
          err.flush();
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          // Every expected failure is reported by the command itself; this is the last resort,
          // still one line, never a stack trace.
          err.println("deployflow: unexpected error: " + Printable.text(String.valueOf(e)));
          return ExitCodes.FAILED;
        });
    return commandLine;
  }

  /** The model's own case-insensitive parsing, with its message ("'x' is not one of …"). */
  private static <T> CommandLine.ITypeConverter<T> lowerCase(Function<String, T> parse) {
    return value -> {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    };
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean terminal() {
    return terminal;
  }

  /**
   * How to show {@code deployflow …} commands in this run: as the person typed the program, and
   * with {@code --temporal} when it was given explicitly (on the command or before it).
   */
  CommandHints hints() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    boolean explicit = false;
    for (CommandLine.ParseResult result = parsed; result != null; result = result.subcommand()) {
      explicit |= result.hasMatchedOption("--temporal");
    }
    return explicit ? hints.withExplicitAddress(temporal) : hints;
  }

  /** The connection settings chosen on the command line. */
  ConnectionSettings connectionSettings() {
    return new ConnectionSettings(
        temporal, namespace, taskQueue, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
  }

  OutputFormat output() {
    return output;
  }

  /** The version shown by {@code --version}: the jar's, when run from one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = DeployflowCli.class.getPackage().getImplementationVersion();
      return new String[] {"deployflow " + (version == null ? "development build" : version)};
    }
  }
}
