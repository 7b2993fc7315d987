package dev.deployflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.demo.DemoRun.ReleaseReport;
import dev.deployflow.demo.target.TargetState;
import dev.deployflow.demo.target.TargetState.ComponentView;
import dev.deployflow.demo.target.TargetState.DeployEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo, for real: the Spring Boot worker with its embedded Temporal on a free port,
 * the demo target, the bundled {@code pipelines/demo-shop.yaml}, the command line in-process and
 * approvals through the signed chat endpoint. Both releases run once for the class; each test
 * checks one consequence. Pipeline commands run in a temporary copy of {@code demo/ci}, so the
 * checkout's {@code var/} is untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path workDir;

  private DemoStack stack;
  private List<ReleaseReport> reports;
  private String console;
  private String workerConsole;
  private Instant startedAt;

  @BeforeAll
  void runTheDemo() throws Exception {
    Path repo = repositoryTop();
    copyDirectory(repo.resolve("demo/ci"), workDir.resolve("demo/ci"));
    DemoStack.Settings settings =
        new DemoStack.Settings(
            repo.resolve("pipelines"), workDir, Ports.free(), workDir.resolve("var/demo/worker.log"));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    PrintStream out = new PrintStream(new Tee(captured, original), true, StandardCharsets.UTF_8);
    // What the worker's logging writes to the console (System.out) during the demo.
    ByteArrayOutputStream workerCaptured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(workerCaptured, original), true, StandardCharsets.UTF_8));

    startedAt = Instant.now();
    long started = System.nanoTime();
    long ready;
    long done;
    try {
      stack = DemoStack.start(settings);
      ready = System.nanoTime();
      reports = new DemoRun(stack, false, Duration.ofMinutes(3), out, System.err).run();
      done = System.nanoTime();
    } finally {
      System.out.flush();
      System.setOut(original);
    }
    out.flush();
    console = captured.toString(StandardCharsets.UTF_8);
    workerConsole = workerCaptured.toString(StandardCharsets.UTF_8);
    System.out.printf(
        "demo end-to-end: stack ready in %d ms, both releases in %d ms%n",
        (ready - started) / 1_000_000, (done - ready) / 1_000_000);
  }

  @AfterAll
  void stopTheDemo() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theGoodReleaseSucceedsAndTheBadOneIsRolledBack() {
    assertThat(reports)
        .extracting(ReleaseReport::version, ReleaseReport::outcome)
        .containsExactly(tuple("1.1.0", "succeeded"), tuple("1.2.0-bad", "rolled_back"));
    // `start --watch` reports success only for a release that succeeded.
    assertThat(reports.get(0).cliExitCode()).isZero();
    assertThat(reports.get(1).cliExitCode()).isNotZero();
    assertThat(DemoSummary.allAsExpected(reports)).isTrue();
  }

  @Test
  void productionEndsOnTheGoodVersionWithNoCandidate() {
    Map<String, ComponentView> production = target().snapshot().get("production");
    assertThat(production.get("api")).isEqualTo(new ComponentView("1.1.0", null, 0));
    assertThat(production.get("web")).isEqualTo(new ComponentView("1.1.0", null, 0));
    assertThat(production.get("worker")).isEqualTo(new ComponentView("1.1.0", null, 0));
  }

  @Test
  void theGoodReleaseGoesToStagingFirstThenToProductionInRisingWeights() {
    // Release 2 deploys 1.1.0 again when it rolls back; release 1 is everything before it.
    int release2Starts = applied("1.2.0-bad").get(0).sequence();
    List<DeployEvent> release =
        applied("1.1.0").stream().filter(e -> e.sequence() < release2Starts).toList();
    List<DeployEvent> staging = in(release, "staging");
    List<DeployEvent> production = in(release, "production");

    assertThat(staging).extracting(DeployEvent::component).contains("api", "web", "worker");
    assertThat(last(staging).sequence()).isLessThan(production.get(0).sequence());
    for (String component : TargetState.COMPONENTS) {
      List<Integer> weights =
          production.stream().filter(e -> e.component().equals(component)).map(DeployEvent::weight).toList();
      assertThat(weights).as("production weights of %s", component).isSorted().contains(10, 50).endsWith(100);
    }
    // Within one rollout step api goes first; web and worker, which depend on it, follow together.
    for (int weight : List.of(10, 50, 100)) {
      List<String> order =
          production.stream().filter(e -> e.weight() == weight).map(DeployEvent::component).toList();
      assertThat(order).as("components at %d%%", weight).hasSize(3).startsWith("api")
          .containsExactlyInAnyOrder("api", "web", "worker");
    }
  }

  @Test
  void theGoodReleaseRollsOutToTheSecondWaveAfterTheFirstAndTheBadOneNeverReachesIt() {
    int release2Starts = applied("1.2.0-bad").get(0).sequence();
    List<DeployEvent> release =
        applied("1.1.0").stream().filter(e -> e.sequence() < release2Starts).toList();
    List<DeployEvent> eu = in(release, "production-eu");
    assertThat(last(in(release, "production")).sequence()).isLessThan(eu.get(0).sequence());
    for (String component : TargetState.COMPONENTS) {
      assertThat(eu.stream().filter(e -> e.component().equals(component)).map(DeployEvent::weight))
          .as("production-eu weights of %s", component).containsExactly(50, 100);
    }
    // The bad canary fails in the first wave: the second is never touched and keeps the good version.
    assertThat(in(applied("1.2.0-bad"), "production-eu")).isEmpty();
    assertThat(target().snapshot().get("production-eu").get("api")).isEqualTo(new ComponentView("1.1.0", null, 0));
    // The live view followed both waves, one line per change of each.
    assertThat(console).contains("[demo-shop 1.1.0] wave 1 production: done at 100%")
        .contains("[demo-shop 1.1.0] wave 2 production-eu: done at 100%")
        .contains("[demo-shop 1.2.0-bad] wave 1 production: rolled_back at 0%");
  }

  @Test
  void theBadCanaryIsRolledBackInReverseDependencyOrder() {
    List<DeployEvent> bad = applied("1.2.0-bad");
    List<DeployEvent> badProduction = in(bad, "production");
    assertThat(last(in(bad, "staging")).sequence()).isLessThan(badProduction.get(0).sequence());
    assertThat(badProduction).isNotEmpty().allSatisfy(e -> assertThat(e.weight()).isBetween(1, 99));

    int lastBad = last(badProduction).sequence();
    List<DeployEvent> rollback =
        target().events().stream()
            .filter(e -> !e.duplicate() && e.sequence() > lastBad)
            .toList();
    assertThat(rollback)
        .extracting(DeployEvent::environment, DeployEvent::component, DeployEvent::version, DeployEvent::action)
        .containsExactly(
            tuple("production", "worker", "1.1.0", "rolled_back"),
            tuple("production", "web", "1.1.0", "rolled_back"),
            tuple("production", "api", "1.1.0", "rolled_back"));
  }

  @Test
  void theReleaseLogHoldsBothReleases() throws IOException {
    List<String> lines = Files.readAllLines(stack.settings().releaseLog());
    assertThat(lines).hasSize(2);
    List<JsonNode> entries = lines.stream().map(DemoEndToEndTest::json).toList();
    assertThat(entries)
        .extracting(e -> e.path("version").asText(), e -> e.path("outcome").asText())
        .containsExactly(tuple("1.1.0", "succeeded"), tuple("1.2.0-bad", "rolled_back"));
    assertThat(entries.get(0).path("approvedBy").toString()).contains(DemoRun.APPROVER);
    assertThat(stack.settings().releaseHistory()).exists();
  }

  @Test
  void aPostMortemIsWrittenForTheBadRelease() throws IOException {
    List<Path> postMortems = DemoSummary.writtenSince(stack.settings().postMortemDir(), startedAt);
    assertThat(postMortems).isNotEmpty();
    assertThat(postMortems)
        .anySatisfy(p -> assertThat(Files.readString(p)).contains("1.2.0-bad"));
  }

  @Test
  void theBadReleasesProductionMigrationIsUndone() throws IOException {
    List<String> migrations = Files.readAllLines(workDir.resolve("var/demo/migrations.log"));
    assertThat(migrations.stream().filter(l -> l.contains(" production up "))).hasSize(2);
    assertThat(migrations.stream().filter(l -> l.contains(" production down "))).hasSize(1);
    assertThat(last(migrations)).contains(" production down ");
    assertThat(workDir.resolve("var/demo/build/api-1.2.0-bad.tar.gz")).exists();
  }

  @Test
  void bobApprovedThroughTheChatEndpointAfterTheCommandWasShown() {
    String command =
        "./deployflow approve demo-shop --by bob --temporal " + stack.temporalAddress();
    assertThat(console).contains(command);
    assertThat(console).contains("bob approved in chat with \"/deploy approve demo-shop\"");
  }

  @Test
  void eachApprovalIsAnnouncedOnlyAfterTheLiveViewShowedTheGateWaiting() {
    for (ReleaseReport report : reports) {
      int gateShown = console.indexOf("[demo-shop " + report.version() + "] gate production waits for");
      int banner = console.indexOf(">>> demo-shop " + report.version() + " waits for approval");
      assertThat(gateShown).as("gate line of %s", report.version()).isNotNegative();
      assertThat(banner).as("banner of %s", report.version()).isGreaterThan(gateShown);
    }
  }

  @Test
  void eachReleasesExitCodeIsSaidOnce() {
    assertThat(console).doesNotContain("(command exit code");
    List<String> lines = console.lines().toList();
    for (ReleaseReport report : reports) {
      int ended = lines.indexOf(lines.stream()
          .filter(l -> l.startsWith("--- demo-shop " + report.version() + " ended ")).findFirst().orElseThrow());
      assertThat(lines.get(ended - 1)).isEqualTo("exit code " + report.cliExitCode());
    }
  }

  @Test
  void theWorkersInMemoryWarningsStayInItsLogFile() throws IOException {
    assertThat(workerConsole).doesNotContainIgnoringCase("in-memory");
    assertThat(Files.readString(stack.settings().workerLog()))
        .contains("EMBEDDED, IN-MEMORY Temporal")
        .contains("Embedded in-memory Temporal listening on " + stack.temporalAddress());
  }

  @Test
  void theTargetWasNotifiedOfEachOutcome() {
    List<String> events =
        target().notifications().stream()
            .map(n -> JSON.valueToTree(n).path("event").asText())
            .toList();
    assertThat(events).contains("started", "succeeded", "rolled_back");
  }

  private TargetState target() {
    return stack.target().state();
  }

  private List<DeployEvent> applied(String version) {
    return target().events().stream()
        .filter(e -> !e.duplicate() && e.version().equals(version))
        .toList();
  }

  private static List<DeployEvent> in(List<DeployEvent> events, String environment) {
    return events.stream().filter(e -> e.environment().equals(environment)).toList();
  }

  private static <T> T last(List<T> list) {
    assertThat(list).isNotEmpty();
    return list.get(list.size() - 1);
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  /** The checkout's top: the first directory upwards that holds the demo pipeline. */
  private static Path repositoryTop() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pipelines/demo-shop.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("pipelines/demo-shop.yaml not found above " + Path.of("").toAbsolutePath());
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()));
      }
    }
  }

  /** Writes to two streams, so the console shows the demo while the test reads it. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
