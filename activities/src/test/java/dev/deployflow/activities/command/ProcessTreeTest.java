package dev.deployflow.activities.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order in which a process tree is asked to stop, and that a real script gets to clean up.
 * The order is checked on recording handles because the harm of the wrong order (the child stops,
 * the script's wait returns and it exits before its own SIGTERM) depends on the scheduler.
 */
class ProcessTreeTest {
  @TempDir Path dir;

  @Test
  void theRootIsAskedToStopBeforeItsDescendants() {
    List<String> signals = new CopyOnWriteArrayList<>();
    Recording grandchild = new Recording("grandchild", signals, List.of());
    Recording child = new Recording("child", signals, List.of(grandchild));
    Recording root = new Recording("root", signals, List.of(child, grandchild));

    ProcessTree.kill(root, Duration.ofSeconds(1));

    assertThat(signals).containsExactly("TERM root", "TERM child", "TERM grandchild");
  }

  @Test
  void aSurvivorOfTheGracePeriodIsKilledWithItsDescendants() {
    List<String> signals = new CopyOnWriteArrayList<>();
    Recording stubborn = new Recording("child", signals, List.of()).ignoringTerm();
    Recording root = new Recording("root", signals, List.of(stubborn));

    ProcessTree.kill(root, Duration.ofMillis(100));

    assertThat(signals).containsExactly("TERM root", "TERM child", "KILL child");
    assertThat(stubborn.isAlive()).isFalse();
  }

  @Test
  void aScriptThatTrapsTermAndWaitsForItsChildRunsItsCleanUp() throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      Path cleaned = dir.resolve("cleaned-" + attempt);
      Path childPid = dir.resolve("child-" + attempt);
      String script = "trap 'echo clean > \"$1\"; exit 0' TERM; sleep 300 & echo $! > \"$2\"; wait";
      Process process = new ProcessBuilder("bash", "-c", script, "deploy", cleaned.toString(), childPid.toString()).start();
      awaitNonEmpty(childPid);
      ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(childPid).trim())).orElseThrow();

      ProcessTree.kill(process.toHandle(), Duration.ofSeconds(5));

      assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(cleaned).as("attempt %d", attempt).hasContent("clean");
      assertThat(child.isAlive()).isFalse();
    }
  }

  private static void awaitNonEmpty(Path file) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(file) || Files.readString(file).isBlank()) {
      assertThat(System.nanoTime()).as("%s written within 20 s", file).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /* A process handle that records the signals it is sent and dies of the first one it heeds. */
  private static final class Recording implements ProcessHandle {
    private final String name;
    private final List<String> signals;
    private final List<ProcessHandle> descendants;
    private boolean ignoresTerm;
    private volatile boolean alive = true;

    Recording(String name, List<String> signals, List<ProcessHandle> descendants) {
      this.name = name;
      this.signals = signals;
      this.descendants = descendants;
    }

    Recording ignoringTerm() {
      ignoresTerm = true;
      return this;
    }

    @Override
    public boolean destroy() {
      signals.add("TERM " + name);
      alive = ignoresTerm;
      return true;
    }

    @Override
    public boolean destroyForcibly() {
      signals.add("KILL " + name);
      alive = false;
      return true;
    }

    @Override
    public boolean isAlive() {
      return alive;
    }

    @Override
    public Stream<ProcessHandle> descendants() {
      return descendants.stream();
    }

    @Override
    public long pid() {
      return name.hashCode();
    }

    @Override
    public Optional<ProcessHandle> parent() {
      return Optional.empty();
    }

    @Override
    public Stream<ProcessHandle> children() {
      return descendants.stream();
    }

    @Override
    public Info info() {
      return ProcessHandle.current().info();
    }

    @Override
    public CompletableFuture<ProcessHandle> onExit() {
      return new CompletableFuture<>();
    }

    @Override
    public boolean supportsNormalTermination() {
      return true;
    }

    @Override
    public int compareTo(ProcessHandle other) {
      return Long.compare(pid(), other.pid());
    }
  }
}
