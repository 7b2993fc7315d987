package dev.deployflow.activities.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.artifact.ArtifactActivitiesImpl.HashProgress;
import dev.deployflow.activity.ArtifactActivities;
import dev.deployflow.activity.ArtifactActivities.ArtifactCheck;
import dev.deployflow.activity.ArtifactActivities.ArtifactRequest;
import dev.deployflow.pipeline.ArtifactSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hashes a 512 MiB artifact inside a real activity context: the digest must equal the one
 * {@code sha256sum} wrote, progress must arrive as heartbeats, and the memory used stays flat. The
 * file is sparse (holes plus a few written blocks) so that the test costs CPU, not disk. Speed and
 * heap are printed, never asserted.
 */
class LargeArtifactHashingTest {
  private static final long SIZE = 512L << 20;

  @TempDir Path workDir;
  private TestActivityEnvironment env;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void hashesA512MiBFileInConstantMemoryWithHeartbeats() throws Exception {
    Path big = workDir.resolve("big.bin");
    writeSparseFile(big);
    String expected = sha256sumOf(big);
    Files.writeString(workDir.resolve("big.bin.sha256"), expected + "  big.bin\n");

    List<HashProgress> heartbeats = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(HashProgress.class, heartbeats::add);
    env.registerActivitiesImplementations(new ArtifactActivitiesImpl(ActivitySettings.defaults(workDir)));
    ArtifactActivities stub = env.newActivityStub(
        ArtifactActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(10))
            .setHeartbeatTimeout(Duration.ofMinutes(1))
            .build());

    long heapBefore = usedHeapAfterGc();
    long started = System.nanoTime();
    ArtifactCheck check = stub.verifyArtifacts(new ArtifactRequest(
            "big", List.of(new ArtifactSpec("big.bin", "1GB", "big.bin.sha256")), Map.of()))
        .checks().get(0);
    double seconds = (System.nanoTime() - started) / 1e9;
    long heapAfter = usedHeapAfterGc();

    System.out.printf(Locale.ROOT,
        "SHA-256 of %d MiB in %.2f s = %.0f MB/s (%.0f MiB/s); heap used before %.1f MiB, after %.1f MiB; %d heartbeat(s)%n",
        SIZE >> 20, seconds, SIZE / 1e6 / seconds, (SIZE >> 20) / seconds,
        heapBefore / 1048576.0, heapAfter / 1048576.0, heartbeats.size());

    assertThat(check.passed()).as("%s", check).isTrue();
    assertThat(check.sha256()).isEqualTo(expected);
    assertThat(check.sizeBytes()).isEqualTo(SIZE);
    assertThat(heartbeats).isNotEmpty();
    assertThat(heartbeats.get(0).path()).isEqualTo("big.bin");
    // The first beat is sent before reading (so that a check of many small files beats too); the
    // SDK throttles the rest to one per 0.8 of the heartbeat timeout, so this fast read shows one.
    assertThat(heartbeats.get(0).bytesHashed()).isZero();
    assertThat(heartbeats.get(0).sizeBytes()).isEqualTo(SIZE);
  }

  /** Progress is told before reading and then every 8 MiB, up to the last full step before the end. */
  @Test
  void progressIsToldAtTheStartAndEvery8MiB() throws IOException {
    Path file = workDir.resolve("progress.bin");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength((20L << 20) + 5);
    }
    List<Long> told = new CopyOnWriteArrayList<>();
    Sha256.of(file, told::add);
    assertThat(told).containsExactly(0L, 8L << 20, 16L << 20);
  }

  /** Holes everywhere but a marked block at the start, the middle and the end. */
  private static void writeSparseFile(Path file) throws IOException {
    byte[] block = "deployflow artifact block\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(SIZE);
      for (long offset : new long[] {0, SIZE / 2 + 12345, SIZE - block.length}) {
        raf.seek(offset);
        raf.write(block);
      }
    }
  }

  /** The digest by the system's sha256sum (an independent implementation), or by the JDK if absent. */
  private static String sha256sumOf(Path file) throws Exception {
    try {
      Process p = new ProcessBuilder("sha256sum", file.getFileName().toString())
          .directory(file.getParent().toFile())
          .redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0) {
        return out.split("\\s+")[0];
      }
    } catch (IOException noSha256sum) {
      System.out.println("sha256sum not available (" + noSha256sum.getMessage() + "); using the JDK");
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) != -1) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    Thread.sleep(100);
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
