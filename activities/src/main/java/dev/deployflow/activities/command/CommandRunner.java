package dev.deployflow.activities.command;

import dev.deployflow.activity.FailureTypes;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.secrets.SecretMasker;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.pipeline.CommandSpec;
import dev.deployflow.pipeline.Durations;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a pipeline command the way every activity does: placeholders substituted (secrets from the
 * worker's environment, masked everywhere afterwards; each value stays one argument and never
 * poses as an option), the worker's working directory, the command's timeout (10 minutes by
 * default), a scrubbed environment (PATH, HOME, LANG, TZ, the {@code DEPLOYFLOW_*} step
 * variables including {@code DEPLOYFLOW_IDEMPOTENCY_KEY}, and the worker variables the
 * command's {@code env} list names), and the outcome turned into a result or an
 * {@link ApplicationFailure}:
 *
 * <ul>
 *   <li>{@value #FAILED}: non-zero exit, with the output tail; retryable.
 *   <li>{@value #TIMED_OUT}: the timeout passed and the process tree was killed; retryable.
 *   <li>{@value #NOT_RUNNABLE}: the program cannot be started, the working directory or the
 *       timeout is wrong, or a placeholder has no value; not retryable, since a retry would
 *       meet the same problem.
 * </ul>
 */
public final class CommandRunner {
  /** Failure type of a command that exited with a non-zero code. */
  public static final String FAILED = FailureTypes.COMMAND_FAILED;
  /** Failure type of a command killed at its timeout. */
  public static final String TIMED_OUT = FailureTypes.COMMAND_TIMED_OUT;
  /** Failure type of a command that could not be started at all. */
  public static final String NOT_RUNNABLE = FailureTypes.COMMAND_NOT_RUNNABLE;
  /** Failure type of a command interrupted by the worker shutting down. */
  public static final String INTERRUPTED = FailureTypes.COMMAND_INTERRUPTED;
  /** The environment variable carrying the idempotency key. */
  public static final String IDEMPOTENCY_KEY_VARIABLE = "DEPLOYFLOW_IDEMPOTENCY_KEY";
  /** The worker variables every command gets, whatever its {@code env} list says. */
  public static final List<String> BASE_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "TZ");
  /** The step variables a command gets, and the release variables they hold. */
  public static final Map<String, String> STEP_VARIABLES = Map.of(
      "DEPLOYFLOW_APPLICATION", "application",
      "DEPLOYFLOW_VERSION", "version",
      "DEPLOYFLOW_ENVIRONMENT", "environment",
      "DEPLOYFLOW_COMPONENT", "component",
      "DEPLOYFLOW_WEIGHT", "weight");
  /** How long a command may run when its spec says nothing. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final ActivitySettings settings;
  private final ProcessRunner processes;

  /** A runner keeping {@code settings.outputTailBytes()} of output. */
  public CommandRunner(ActivitySettings settings) {
    this(settings, new ProcessRunner(settings.outputTailBytes()));
  }

  /** A runner using the given process runner (tests shorten its intervals). */
  public CommandRunner(ActivitySettings settings, ProcessRunner processes) {
    this.settings = settings;
    this.processes = processes;
  }

  /** Runs the command; a non-zero exit, a timeout or a start failure throws, as described above. */
  public CommandResult run(CommandRequest request, Heartbeat heartbeat) {
    ProcessOutcome outcome = execute(request, false, heartbeat);
    return new CommandResult(outcome.exitCode(), outcome.output(), outcome.durationMillis());
  }

  /**
   * Runs the command and returns its whole outcome when it exited with code 0.
   *
   * @param separateStderr keep standard error out of {@link ProcessOutcome#output()}, for
   *     commands whose standard output is a value
   */
  public ProcessOutcome execute(CommandRequest request, boolean separateStderr, Heartbeat heartbeat) {
    TemplateRenderer renderer = TemplateRenderer.forWorker(settings);
    SecretMasker masker = renderer.masker();
    String summary = request.summary() == null || request.summary().isBlank() ? "command" : request.summary();
    CommandSpec spec = request.spec();
    if (spec == null || spec.command() == null || spec.command().isEmpty()) {
      throw notRunnable(summary, "the pipeline gives no command");
    }

    List<String> argv = new ArrayList<>();
    Path workDir;
    Duration timeout;
    try {
      for (String argument : spec.command()) {
        argv.add(renderer.argument(argument, request.vars()));
      }
      String dir = renderer.pathPart(spec.workingDir(), request.vars());
      workDir = dir == null || dir.isBlank() ? settings.workDir() : settings.workDir().resolve(dir);
      timeout = Durations.parseOr(spec.timeout(), DEFAULT_TIMEOUT);
    } catch (IllegalArgumentException badTemplateOrTimeout) {
      // The message names the placeholder or the bad text, never a secret's value.
      throw notRunnable(summary, masker.mask(badTemplateOrTimeout.getMessage()));
    }
    if (!Files.isDirectory(workDir)) {
      throw notRunnable(summary, masker.mask("working directory " + workDir + " does not exist"));
    }

    Map<String, String> environment;
    try {
      environment = environment(spec, request);
    } catch (IllegalArgumentException reservedName) {
      throw notRunnable(summary, reservedName.getMessage());
    }
    ProcessInvocation invocation = new ProcessInvocation(argv, workDir, environment, timeout, separateStderr);
    String commandLine = masker.mask(commandLine(argv));

    ProcessOutcome outcome;
    try {
      outcome = processes.run(invocation, masker, heartbeat);
    } catch (IOException cannotStart) {
      throw notRunnable(summary, masker.mask("cannot start " + commandLine + ": " + cannotStart.getMessage()));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          summary + ": " + commandLine + " was interrupted (the worker is stopping) and killed", INTERRUPTED);
    }

    if (outcome.timedOut()) {
      throw ApplicationFailure.newFailure(
          summary + ": " + commandLine + " did not finish within " + Durations.format(timeout)
              + " and was killed with its child processes" + describeOutput(outcome),
          TIMED_OUT);
    }
    if (outcome.exitCode() != 0) {
      throw ApplicationFailure.newFailure(
          summary + ": " + commandLine + " exited with code " + outcome.exitCode() + " after "
              + outcome.durationMillis() + " ms" + describeOutput(outcome),
          FAILED,
          outcome.exitCode());
    }
    return outcome;
  }

  /*
   * The command's whole environment (CONTRACT.md, "Who may do what"): PATH, HOME, LANG and TZ,
   * the step variables, and the worker variables its env list names. Nothing else: the worker's
   * signing secret, API tokens and Temporal key never reach a pipeline's scripts.
   */
  private Map<String, String> environment(CommandSpec spec, CommandRequest request) {
    Map<String, String> worker = settings.environment();
    Map<String, String> environment = new HashMap<>();
    for (String name : BASE_ENVIRONMENT) {
      if (worker.get(name) != null) {
        environment.put(name, worker.get(name));
      }
    }
    for (String name : spec.envNames()) {
      if (name == null || CommandSpec.reservedForWorker(name)) {
        throw new IllegalArgumentException("env names " + name
            + ", a variable of the worker itself (DEPLOYFLOW_*, TEMPORAL_*), which commands never get");
      }
      // Masked when its name looks secret (DATABASE_URL, *_TOKEN…), as every such worker variable is.
      String value = worker.get(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    Map<String, String> vars = request.vars() == null ? Map.of() : request.vars();
    STEP_VARIABLES.forEach((variable, releaseVariable) -> {
      if (vars.get(releaseVariable) != null) {
        environment.put(variable, vars.get(releaseVariable));
      }
    });
    if (request.idempotencyKey() != null) {
      environment.put(IDEMPOTENCY_KEY_VARIABLE, request.idempotencyKey());
    }
    return environment;
  }

  private static ApplicationFailure notRunnable(String summary, String reason) {
    return ApplicationFailure.newNonRetryableFailure(summary + ": cannot run the command: " + reason, NOT_RUNNABLE);
  }

  private static String describeOutput(ProcessOutcome outcome) {
    StringBuilder text = new StringBuilder();
    if (outcome.output().isBlank() && outcome.errorOutput().isBlank()) {
      return text.append(" (no output)").toString();
    }
    text.append(outcome.truncated()
        ? "; last " + outcome.output().length() + " characters of " + outcome.totalOutputBytes() + " bytes of output:\n"
        : "; output:\n");
    text.append(outcome.output());
    if (!outcome.errorOutput().isBlank()) {
      text.append("\nstandard error:\n").append(outcome.errorOutput());
    }
    return text.toString();
  }

  /* The argument list as a person would type it, for messages only: it is never executed. */
  private static String commandLine(List<String> argv) {
    return argv.stream()
        .map(arg -> arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'')
            ? "'" + arg.replace("'", "'\\''") + "'"
            : arg)
        .collect(Collectors.joining(" ", "`", "`"));
  }
}
