package dev.deployflow.activities.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.activities.secrets.SecretMasker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real processes: output capture, bounded memory, heartbeats, and killing whole trees. */
class ProcessRunnerTest {
  @TempDir Path dir;

  private final ProcessRunner runner =
      new ProcessRunner(16 * 1024, Duration.ofMillis(100), Duration.ofSeconds(2));

  private ProcessInvocation bash(String script, Duration timeout) {
    return new ProcessInvocation(List.of("bash", "-c", script), dir, Map.of(), timeout, false);
  }

  @Test
  void capturesInterleavedOutputAndTheExitCode() throws Exception {
    ProcessOutcome outcome =
        runner.run(bash("echo out; echo err >&2; exit 7", Duration.ofSeconds(30)), new SecretMasker(), Heartbeat.NONE);

    assertThat(outcome.exitCode()).isEqualTo(7);
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.output()).contains("out").contains("err");
    assertThat(outcome.errorOutput()).isEmpty();
  }

  @Test
  void keepsStandardErrorApartWhenAsked() throws Exception {
    ProcessInvocation invocation =
        new ProcessInvocation(
            List.of("bash", "-c", "echo 1.4.2; echo warning >&2"), dir, Map.of(), Duration.ofSeconds(30), true);

    ProcessOutcome outcome = runner.run(invocation, new SecretMasker(), Heartbeat.NONE);

    assertThat(outcome.output()).isEqualTo("1.4.2\n");
    assertThat(outcome.errorOutput()).isEqualTo("warning\n");
  }

  @Test
  void aCommandReadingItsInputGetsEndOfFileInsteadOfHanging() throws Exception {
    ProcessOutcome outcome =
        runner.run(
            new ProcessInvocation(List.of("cat"), dir, Map.of(), Duration.ofSeconds(30), false),
            new SecretMasker(),
            Heartbeat.NONE);

    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void fiftyMegabytesOfOutputKeepOnlyTheTail() throws Exception {
    long fifty = 50L * 1024 * 1024;
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long heapBefore = runtime.totalMemory() - runtime.freeMemory();
    long started = System.nanoTime();

    ProcessOutcome outcome =
        runner.run(
            bash("yes 0123456789abcdef | head -c " + fifty + "; echo; echo END-OF-OUTPUT", Duration.ofMinutes(2)),
            new SecretMasker(),
            Heartbeat.NONE);

    long millis = (System.nanoTime() - started) / 1_000_000;
    long heapAfter = runtime.totalMemory() - runtime.freeMemory();
    System.out.printf(
        "50 MB of output: %d ms (%.0f MB/s), heap delta %+d KB, tail kept %d chars%n",
        millis, 50_000.0 / Math.max(1, millis), (heapAfter - heapBefore) / 1024, outcome.output().length());
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.totalOutputBytes()).isGreaterThan(fifty);
    assertThat(outcome.truncated()).isTrue();
    assertThat(outcome.output().length()).isLessThanOrEqualTo(16 * 1024);
    assertThat(outcome.output()).endsWith("END-OF-OUTPUT\n").contains("0123456789abcdef");
  }

  @Test
  void heartbeatsCarryTheMaskedTailWhileTheProcessRuns() throws Exception {
    SecretMasker masker = new SecretMasker();
    masker.register("hunter2-secret");
    List<String> beats = new CopyOnWriteArrayList<>();

    runner.run(bash("echo progress hunter2-secret; sleep 1", Duration.ofSeconds(30)), masker, beats::add);

    assertThat(beats).isNotEmpty();
    assertThat(beats).anySatisfy(beat -> assertThat(beat).contains("progress ****"));
    assertThat(beats).noneSatisfy(beat -> assertThat(beat).contains("hunter2"));
  }

  @Test
  void aTimeoutKillsTheProcessAndEveryChildItStarted() throws Exception {
    ProcessOutcome outcome =
        runner.run(
            bash("sleep 300 & echo child=$!; sleep 300 & echo child=$!; wait", Duration.ofSeconds(1)),
            new SecretMasker(),
            Heartbeat.NONE);

    assertThat(outcome.timedOut()).isTrue();
    List<Long> children = ChildPids.in(outcome.output());
    assertThat(children).hasSize(2);
    assertThat(children).allSatisfy(pid -> assertThat(ChildPids.alive(pid)).as("child %d alive", pid).isFalse());
  }

  @Test
  void aHeartbeatThatThrowsKillsTheTreeAndPropagates() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Heartbeat cancelWhenChildrenStarted =
        tail -> {
          seen.add(tail);
          if (ChildPids.in(tail).size() == 2) {
            throw new IllegalStateException("cancelled");
          }
        };

    assertThatThrownBy(
            () ->
                runner.run(
                    bash("sleep 300 & echo child=$!; sleep 300 & echo child=$!; wait", Duration.ofMinutes(5)),
                    new SecretMasker(),
                    cancelWhenChildrenStarted))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cancelled");

    List<Long> children = ChildPids.in(seen.get(seen.size() - 1));
    assertThat(children).allSatisfy(pid -> assertThat(ChildPids.alive(pid)).as("child %d alive", pid).isFalse());
  }

  @Test
  void anUnknownProgramCannotStart() {
    assertThatThrownBy(
            () ->
                runner.run(
                    new ProcessInvocation(List.of("no-such-program-xyz"), dir, Map.of(), Duration.ofSeconds(5), false),
                    new SecretMasker(),
                    Heartbeat.NONE))
        .isInstanceOf(IOException.class);
  }
}
