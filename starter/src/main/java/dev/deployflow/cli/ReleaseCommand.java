package dev.deployflow.cli;

import dev.deployflow.cli.temporal.ConnectionSettings;
import dev.deployflow.cli.temporal.NoAnswerException;
import dev.deployflow.cli.temporal.PatientReleaseClient;
import dev.deployflow.cli.temporal.TemporalConnection;
import dev.deployflow.cli.temporal.TemporalUnreachableException;
import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.ReleaseClientException;
import dev.deployflow.client.ReleaseConflictException;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.client.ReleaseRunFailedException;
import dev.deployflow.client.ReleaseWaitTimeoutException;
import dev.deployflow.client.TemporalAccessDeniedException;
import dev.deployflow.client.TemporalUnavailableException;
import dev.deployflow.model.ReleaseRequest;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the connection to Temporal, a {@link ReleaseClient}, and the one
 * place where failures become one clear line and an exit code.
 */
@Command(
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
abstract class ReleaseCommand implements Callable<Integer> {
  @ParentCommand DeployflowCli cli;

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  /** Checks the arguments, before anything is sent anywhere. */
  protected void validate() {}

  /** Does the work with a connected client and returns the exit code. */
  protected abstract int execute(ReleaseClient client);

  @Override
  public final Integer call() {
    validate();
    ConnectionSettings settings = cli.connectionSettings();
    try (TemporalConnection connection = TemporalConnection.open(settings)) {
      return execute(new PatientReleaseClient(connection.client(), settings));
    } catch (TemporalUnreachableException e) {
      return fail("unreachable", e.getMessage());
    } catch (NoAnswerException e) {
      return fail("no_answer", e.getMessage());
    } catch (ReleaseClientException e) {
      return fail(e);
    }
  }

  /**
   * Reports one of the release client's failures, the closed set of {@link ReleaseClientException}:
   * each kind has its word in the JSON error report; all exit with code 1.
   */
  protected int fail(ReleaseClientException e) {
    if (e instanceof MessageRefusedException refused) {
      return fail("refused", refused.messageName() + " refused: " + e.getMessage());
    } else if (e instanceof ReleaseConflictException) {
      return fail("conflict", e.getMessage());
    } else if (e instanceof ReleaseNotFoundException) {
      return fail("not_found", e.getMessage());
    } else if (e instanceof ReleaseRunFailedException) {
      return fail("run_failed", e.getMessage());
    } else if (e instanceof ReleaseWaitTimeoutException) {
      return fail("timeout", e.getMessage());
    } else if (e instanceof TemporalUnavailableException) {
      return fail("unreachable", e.getMessage() + ". " + TemporalUnreachableException.WHAT_TO_DO);
    } else if (e instanceof TemporalAccessDeniedException) {
      return fail("access_denied", e.getMessage());
    } else if (e instanceof dev.deployflow.client.PlanRefusedException) {
      return fail("plan_refused", e.getMessage());
    } else if (e instanceof dev.deployflow.client.VisibilityUnavailableException) {
      return fail("no_visibility", e.getMessage());
    }
    return fail("temporal", e.getMessage());
  }

  /** Reports a failure in the chosen output format and returns exit code 1. */
  protected int fail(String kind, String message) {
    if (cli.output() == OutputFormat.JSON) {
      Json.print(out(), new ErrorReport(kind, message));
    } else {
      // A hint in the message (e.g. "roll it back: deployflow rollback app") must run as copied.
      err().println("deployflow: " + Printable.text(cli.hints().rewrite(message)));
      err().flush();
    }
    return ExitCodes.FAILED;
  }

  /** Refuses an application name that could never name a release: a usage error, exit 2. */
  protected void requireApplicationName(String application) {
    if (!ReleaseRequest.APPLICATION_NAME.matcher(application).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "APP '" + application + "' must match " + ReleaseRequest.APPLICATION_NAME.pattern());
    }
  }

  /** Requires a person's name: given with --by, or the login name. */
  protected String requirePerson(String by) {
    if (by == null || by.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing --by NAME (and $USER is not set to default to).");
    }
    return by.trim();
  }

  protected boolean json() {
    return cli.output() == OutputFormat.JSON;
  }

  /** How commands shown to the person are written in this run. */
  protected CommandHints hints() {
    return cli.hints();
  }

  protected PrintStream out() {
    return cli.out();
  }

  protected PrintStream err() {
    return cli.err();
  }
}
