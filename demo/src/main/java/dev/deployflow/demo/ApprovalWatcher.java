package dev.deployflow.demo;

import dev.deployflow.client.ReleaseClientException;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.GateStatus;
import io.grpc.StatusRuntimeException;
import io.temporal.failure.TemporalException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Watches one release for an approval gate that waits, tells the person at the console what
 * they would type, and — unless the demo runs in manual mode — approves through the given
 * {@link GateApprover}, as a colleague in the chat room would.
 *
 * <p>It speaks only once the gate waits in the release's status <em>and</em> the live view on the
 * same console has shown it: the live view polls on its own, so a status seen here first would
 * put the banner amid lines of a phase the console has not left yet.
 */
final class ApprovalWatcher implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int MAX_ATTEMPTS = 5;

  private final Supplier<ReleaseStatus> statuses;
  private final Predicate<String> shownWaiting;
  private final String application;
  private final String version;
  private final String approveCommand;
  private final GateApprover approver;
  private final PrintStream out;

  private final Set<String> handledGates = new HashSet<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final ScheduledExecutorService scheduler;
  private String lastProblem;

  /** Approves a waiting gate; returns what to tell the person at the console. */
  interface GateApprover {
    /**
     * Approves the gate.
     *
     * @throws IOException when the approval could not be delivered
     * @throws IllegalStateException when it was delivered and refused
     */
    String approve(String application, String gate) throws IOException, InterruptedException;
  }

  /**
   * @param statuses the release's status (the {@code status} query); may throw while the
   *     release is not started or its worker does not answer yet
   * @param shownWaiting whether the live view has shown the named gate waiting
   * @param approveCommand the command line a person would type to approve
   * @param approver approves automatically, or null to wait for a person
   */
  ApprovalWatcher(
      Supplier<ReleaseStatus> statuses,
      Predicate<String> shownWaiting,
      String application,
      String version,
      String approveCommand,
      GateApprover approver,
      PrintStream out) {
    this.statuses = statuses;
    this.shownWaiting = shownWaiting;
    this.application = application;
    this.version = version;
    this.approveCommand = approveCommand;
    this.approver = approver;
    this.out = out;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-approval-watcher");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts polling the release's status. */
  void start() {
    scheduler.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One look at the release: acts on each gate that waits and that the console has shown. */
  void poll() {
    ReleaseStatus status;
    try {
      status = statuses.get();
    } catch (ReleaseClientException | TemporalException | StatusRuntimeException notYet) {
      // Not started yet, the worker has not answered its first task, or Temporal is briefly
      // busy: the next poll asks again.
      return;
    } catch (RuntimeException unexpected) {
      // This runs on the scheduler's thread, and a scheduled task that throws is never run
      // again: say once what went wrong, and keep polling.
      String problem = String.valueOf(unexpected);
      if (!problem.equals(lastProblem)) {
        lastProblem = problem;
        out.println(">>> Could not read the release's status: " + problem);
      }
      return;
    }
    if (status == null || !version.equals(status.version()) || status.gates() == null) {
      return;
    }
    for (GateStatus gate : status.gates()) {
      if (gate.state() == dev.deployflow.model.GateState.WAITING
          && !handledGates.contains(gate.name())
          && shownWaiting.test(gate.name())) {
        handledGates.add(gate.name());
        onWaiting(gate);
      }
    }
  }

  private void onWaiting(GateStatus gate) {
    out.println();
    List<String> approvers = gate.approvers() == null ? List.of() : gate.approvers();
    int attempt = attempts.merge(gate.name(), 1, Integer::sum);
    if (attempt == 1) {
      out.println(
          ">>> " + application + " " + version + " waits for approval at the " + gate.name()
              + " gate (approvers: " + String.join(", ", approvers) + ").");
      out.println(">>> A person approves with:");
      out.println(">>>     " + approveCommand);
    }
    if (approver == null) {
      out.println(">>> Waiting for that approval from another terminal...");
      out.println();
      return;
    }
    try {
      out.println(">>> " + approver.approve(application, gate.name()));
    } catch (IOException | IllegalStateException e) {
      // The release keeps waiting; the person can still approve by hand.
      boolean retry = attempt < MAX_ATTEMPTS;
      if (retry) {
        handledGates.remove(gate.name());
      }
      out.println(
          ">>> The automatic approval did not go through: " + e.getMessage()
              + (retry ? " (trying again)" : " (approve by hand with the command above)"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.println();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
