package dev.deployflow.activities.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ends a process together with every process it started. Killing only the direct child would
 * leave its children (a build's compiler, a deploy script's kubectl) running, orphaned, holding
 * the output pipe open and the deployment half-done.
 */
final class ProcessTree {
  private static final Duration POLL = Duration.ofMillis(20);

  private ProcessTree() {}

  /**
   * Asks the process and all its descendants to stop (SIGTERM), waits up to {@code grace} for them
   * to exit, then kills whatever is left (SIGKILL), including children started in the meantime.
   */
  static void kill(ProcessHandle root, Duration grace) {
    Set<ProcessHandle> tree = snapshot(List.of(root));
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle process : tree) {
      awaitExit(process, deadline - System.nanoTime());
    }
    List<ProcessHandle> survivors = tree.stream().filter(ProcessHandle::isAlive).toList();
    // Survivors may have forked since the first snapshot: look again before the hard kill.
    Set<ProcessHandle> remaining = snapshot(survivors);
    remaining.forEach(ProcessHandle::destroyForcibly);
    long hardDeadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle process : remaining) {
      awaitExit(process, hardDeadline - System.nanoTime());
    }
  }

  /*
   * Each root before its descendants, all still alive at the time. The order matters for the
   * SIGTERM: a deploy script that traps TERM and waits for its child must get the signal first.
   * Were the child stopped first, the script's wait would return as if the child had failed, the
   * script would run on (or exit) before its own SIGTERM arrived, and its clean-up would never run.
   */
  private static Set<ProcessHandle> snapshot(List<ProcessHandle> roots) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle root : roots) {
      all.add(root);
      root.descendants().forEach(all::add);
    }
    Set<ProcessHandle> alive = new LinkedHashSet<>();
    for (ProcessHandle process : all) {
      if (process.isAlive()) {
        alive.add(process);
      }
    }
    return alive;
  }

  /*
   * Polls instead of ProcessHandle.onExit(): for processes that are not our direct children the
   * JDK polls with a back-off of up to seconds, which would make every kill look slow.
   */
  private static void awaitExit(ProcessHandle process, long nanos) {
    long deadline = System.nanoTime() + nanos;
    while (process.isAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException interrupted) {
        // Stop waiting; the caller still sends the forcible kill.
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
