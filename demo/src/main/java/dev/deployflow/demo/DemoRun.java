package dev.deployflow.demo;

import dev.deployflow.cli.CommandHints;
import dev.deployflow.cli.DeployflowCli;
import dev.deployflow.cli.watch.PlainView;
import dev.deployflow.client.ReleaseClientException;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import io.temporal.client.WorkflowException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's story, shared by {@code DemoMain} and the end-to-end test: on a running
 * {@link DemoStack}, release {@code 1.1.0} (it succeeds), then {@code 1.2.0-bad} (its canary
 * fails analysis and it is rolled back), each started with the real command line
 * ({@code deployflow start --watch}) and approved at the production gate through the chat
 * endpoint, or by a person in manual mode.
 */
public final class DemoRun {
  /** Who requests the demo's releases. */
  public static final String REQUESTER = "alice";

  /** Who approves them: one of the production gate's approvers, and not the requester. */
  public static final String APPROVER = "bob";

  /** The version every environment runs before the first release. */
  public static final String SEED_VERSION = "1.0.0";

  /** The demo's releases, in order, with the outcome each must have. */
  public static final List<PlannedRelease> RELEASES =
      List.of(
          new PlannedRelease("1.1.0", Outcome.SUCCEEDED),
          new PlannedRelease("1.2.0-bad", Outcome.ROLLED_BACK));

  private final DemoStack stack;
  private final boolean manual;
  private final Duration releaseTimeout;
  private final PrintStream out;
  private final PrintStream err;
  private final CommandHints hints;

  /** One release the demo makes and the outcome it expects. */
  public record PlannedRelease(String version, Outcome expected) {}

  /**
   * How one release went. {@code outcome} is the workflow's outcome in its JSON form, or a short
   * description of what went wrong when there is none ({@code not started}, {@code run failed}).
   */
  public record ReleaseReport(
      String version, Outcome expected, String outcome, int cliExitCode, Duration duration) {

    /** Whether the release ended as the demo expects. */
    public boolean asExpected() {
      return expected.json().equals(outcome);
    }
  }

  /**
   * @param manual wait for a person to approve instead of approving through the chat endpoint
   * @param releaseTimeout how long one release may take before the demo gives up on it
   */
  public DemoRun(
      DemoStack stack, boolean manual, Duration releaseTimeout, PrintStream out, PrintStream err) {
    this.stack = stack;
    this.manual = manual;
    this.releaseTimeout = releaseTimeout;
    this.out = out;
    this.err = err;
    this.hints = hintsFor(System.getenv());
  }

  /**
   * How the demo writes the commands it shows, like the command line does: with the launcher's
   * name as the person typed it ({@code ./deployflow} when the launcher did not say), and with
   * {@code --temporal} whenever the demo's Temporal is not where a bare command looks.
   */
  static CommandHints hintsFor(Map<String, String> environment) {
    String program = environment.getOrDefault(CommandHints.INVOKED_AS, "./deployflow");
    return new CommandHints(program, environment.get("TEMPORAL_ADDRESS"), null);
  }

  /** Seeds the target with {@value #SEED_VERSION}, then makes every planned release in order. */
  public List<ReleaseReport> run() throws InterruptedException {
    stack.target().state().seed(SEED_VERSION);
    out.println("Demo target: staging and both production waves (production, production-eu) run "
        + DemoStack.APPLICATION + " " + SEED_VERSION + " (api, web, worker).");
    List<ReleaseReport> reports = new ArrayList<>();
    for (int i = 0; i < RELEASES.size(); i++) {
      PlannedRelease release = RELEASES.get(i);
      out.println();
      out.println("=== Release " + (i + 1) + " of " + RELEASES.size() + ": " + DemoStack.APPLICATION
          + " " + release.version() + " (expected: " + release.expected().json() + ") ===");
      reports.add(release(release));
    }
    return reports;
  }

  private ReleaseReport release(PlannedRelease release) throws InterruptedException {
    String[] args = {
      "start", "--app", DemoStack.APPLICATION, "--version", release.version(),
      "--by", REQUESTER, "--watch", "--temporal", stack.temporalAddress()
    };
    out.println("$ " + hints.program() + " " + String.join(" ", args));
    long started = System.nanoTime();
    int exitCode;
    LiveOutput live = new LiveOutput(out);
    try (ApprovalWatcher watcher = watcher(release.version(), live)) {
      watcher.start();
      exitCode = runCli(args, release.version(), live);
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    String outcome = outcomeOf(release.version());
    // The command ends with its own "exit code N" line when it watched to the end; say it once.
    String said = "exit code " + exitCode;
    out.println("--- " + DemoStack.APPLICATION + " " + release.version() + " ended " + outcome
        + " after " + DemoSummary.seconds(duration)
        + (live.lastLine().equals(said) ? "" : " (command " + said + ")"));
    uiLink().ifPresent(link -> out.println("--- Temporal UI: " + link));
    return new ReleaseReport(release.version(), release.expected(), outcome, exitCode, duration);
  }

  /** The release's page in the Temporal UI, when the demo runs on the dev server. */
  private java.util.Optional<String> uiLink() {
    try {
      return stack.releaseUiLink();
    } catch (WorkflowException | io.grpc.StatusRuntimeException e) {
      err.println("!!! no Temporal UI link: " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private ApprovalWatcher watcher(String version, LiveOutput live) {
    String command = hints.withExplicitAddress(stack.temporalAddress())
        .rewrite("deployflow approve " + DemoStack.APPLICATION + " --by " + APPROVER);
    ApprovalWatcher.GateApprover approver = manual ? null : this::approveThroughChat;
    return new ApprovalWatcher(
        () -> stack.releaseClient().status(DemoStack.APPLICATION),
        gate -> live.hasShown(line -> line.contains(PlainView.waitingGateWords(gate))),
        DemoStack.APPLICATION, version, command, approver, out);
  }

  private String approveThroughChat(String application, String gate)
      throws IOException, InterruptedException {
    ChatApprover chat =
        new ChatApprover(stack.chatEndpoint(), stack.signingSecret(), Clock.systemUTC());
    String text = "approve " + application;
    ChatApprover.ChatReply reply = chat.slashCommand(text, APPROVER);
    if (!reply.accepted()) {
      throw new IllegalStateException(
          "the chat endpoint answered " + reply.status() + ": " + reply.body());
    }
    return APPROVER + " approved in chat with \"/deploy " + text + "\"; the bot answered: "
        + reply.text();
  }

  /**
   * Runs the command line in its own thread so that a release that never ends cannot hang the
   * demo: after the timeout the release is terminated, which also ends the command's watch.
   */
  private int runCli(String[] args, String version, LiveOutput live) throws InterruptedException {
    ExecutorService cli =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "demo-cli");
              t.setDaemon(true);
              return t;
            });
    try {
      PrintStream cliOut = new PrintStream(live, true, StandardCharsets.UTF_8);
      Future<Integer> exit = cli.submit(() -> DeployflowCli.run(args, cliOut, err, hints));
      try {
        return exit.get(releaseTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        err.println("!!! " + version + " did not finish within " + DemoSummary.seconds(releaseTimeout)
            + "; terminating it.");
        terminate(version);
        return exitCodeAfterTermination(exit);
      } catch (ExecutionException e) {
        err.println("!!! the command line failed: " + e.getCause());
        return -1;
      }
    } finally {
      cli.shutdownNow();
    }
  }

  /** The command's exit code once its watch has seen the termination, or -1. */
  private static int exitCodeAfterTermination(Future<Integer> exit) throws InterruptedException {
    try {
      return exit.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      exit.cancel(true);
      return -1;
    }
  }

  private void terminate(String version) {
    try {
      if (stack.releaseClient().isRunning(DemoStack.APPLICATION)) {
        stack
            .workflowClient()
            .newUntypedWorkflowStub(ReleaseRequest.workflowIdFor(DemoStack.APPLICATION))
            .terminate("the demo gave up waiting for " + version);
      }
    } catch (ReleaseClientException | WorkflowException e) {
      err.println("!!! could not terminate " + version + ": " + e.getMessage());
    }
  }

  /** The outcome of the latest release if it is {@code version}'s, else what went wrong. */
  private String outcomeOf(String version) {
    try {
      ReleaseResult result =
          stack.releaseClient().awaitResult(DemoStack.APPLICATION, Duration.ofSeconds(30));
      if (!version.equals(result.version())) {
        return "not started";
      }
      return result.outcome() == null ? "unknown" : result.outcome().json();
    } catch (ReleaseNotFoundException e) {
      return "not started";
    } catch (ReleaseClientException | WorkflowException e) {
      err.println("!!! no result for " + version + ": " + e.getMessage());
      return "run failed";
    }
  }
}
