package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.demo.target.DemoTarget;
import dev.deployflow.demo.target.TargetState.DeployEvent;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.WaveStatus;
import dev.deployflow.model.WaveState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13's acceptance test for production waves: two releases of {@code e2e-waves} on the real
 * dev server through the real worker and the real demo target. The first succeeds in
 * {@code production-us}, then {@code production-eu}; the second ({@code -bad}) passes
 * {@code production-us} and breaches {@code production-eu}'s stability window, which rolls back
 * {@code production-eu}, then {@code production-us}. The demo target's log of deploy calls is the
 * evidence of the order. The worker is this class's own, on its own task queue.
 */
@RealTemporal
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WavesEndToEndTest {
  static final String APP = "e2e-waves";
  static final String QUEUE = "e2e-waves-queue";
  private static final String US = "production-us";
  private static final String EU = "production-eu";

  private DemoTarget target;
  private WorkerProcess worker;
  private ReleaseClient releases;
  private ReleaseResult good;
  private ReleaseResult bad;
  private ReleaseStatus badStatus;

  @BeforeAll
  void runTwoReleases(DevServer dev) throws Exception {
    target = DemoTarget.start(0);
    target.state().seed("1.0.0");
    worker = WorkerProcess.builder(dev.address(), "waves")
        .env("DEMO_TARGET_URL", target.url())
        .arg("--deployflow.task-queue=" + QUEUE)
        .start();
    releases = new ReleaseClient(dev.client(), QUEUE);
    good = release("1.1.0");
    bad = release("1.2.0-bad");
    badStatus = releases.status(APP);
  }

  @AfterAll
  void stop() {
    if (worker != null) {
      worker.close();
    }
    if (target != null) {
      target.close();
    }
  }

  /** One release: started, approved by bob at the first wave's gate (the only one), awaited. */
  private ReleaseResult release(String version) throws InterruptedException {
    releases.start(new ReleaseRequest(APP, version, null, null, null, "alice", List.of("change " + version), null));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (releases.status(APP).gates().stream().noneMatch(g -> g.state() == GateState.WAITING)) {
      assertThat(System.nanoTime()).as("the approval gate of " + version + " opens\n" + worker.logTail()).isLessThan(deadline);
      Thread.sleep(100);
    }
    ReleaseStatus waiting = releases.status(APP);
    assertThat(waiting.gates()).extracting(ReleaseStatus.GateStatus::name).containsExactly(US);
    // The approval request shows the live version of the wave it opens for, read from the target.
    String live = version.equals("1.1.0") ? "1.0.0" : "1.1.0";
    assertThat(waiting.gates().get(0).diff()).extracting(c -> c.describe())
        .contains("api: " + live + " → " + version + " in " + US);
    releases.approve(APP, new ApproveMessage("bob", null, "ok"));
    return releases.awaitResult(APP, Duration.ofSeconds(90));
  }

  @Test
  void theGoodReleaseRollsOutToStagingThenTheFirstWaveThenTheSecond() {
    assertThat(good.outcome()).as(good.summary()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(good.summary()).startsWith("e2e-waves 1.1.0 is live in " + US + ", " + EU);
    List<DeployEvent> deploys = applied("1.1.0").stream().filter(e -> e.sequence() < firstOf("1.2.0-bad")).toList();
    assertThat(deploys).extracting(DeployEvent::environment, DeployEvent::component, DeployEvent::weight)
        .containsExactly(
            tuple("staging", "api", 100), tuple("staging", "web", 100),
            tuple(US, "api", 100), tuple(US, "web", 100),
            tuple(EU, "api", 50), tuple(EU, "web", 50), tuple(EU, "api", 100), tuple(EU, "web", 100));
  }

  @Test
  void aBreachInTheSecondWaveRollsBackTheSecondWaveThenTheFirst() {
    assertThat(bad.outcome()).as(bad.summary()).isEqualTo(Outcome.ROLLED_BACK);
    assertThat(bad.summary()).contains("stability breached");
    int lastBad = last(applied("1.2.0-bad")).sequence();
    // The -bad version reached production-eu at 100% before the window breached.
    assertThat(applied("1.2.0-bad")).extracting(DeployEvent::environment, DeployEvent::weight).contains(tuple(EU, 100));
    List<DeployEvent> rollback = target.state().events().stream()
        .filter(e -> !e.duplicate() && e.sequence() > lastBad).toList();
    assertThat(rollback).extracting(DeployEvent::environment, DeployEvent::component, DeployEvent::version)
        .containsExactly(
            tuple(EU, "web", "1.1.0"), tuple(EU, "api", "1.1.0"),
            tuple(US, "web", "1.1.0"), tuple(US, "api", "1.1.0"));
    // A code rollback leaves staging on the candidate, as CONTRACT.md says.
    assertThat(target.state().snapshot().get("staging").get("api").version()).isEqualTo("1.2.0-bad");
    assertThat(target.state().snapshot().get(US).get("api").version()).isEqualTo("1.1.0");
    assertThat(target.state().snapshot().get(EU).get("web").version()).isEqualTo("1.1.0");
  }

  @Test
  void theStatusShowsEachWaveRolledBack() {
    assertThat(badStatus.waves()).extracting(WaveStatus::wave, WaveStatus::environment, WaveStatus::state, WaveStatus::weight)
        .containsExactly(tuple(1, US, WaveState.ROLLED_BACK, 0), tuple(2, EU, WaveState.ROLLED_BACK, 0));
  }

  private List<DeployEvent> applied(String version) {
    return target.state().events().stream().filter(e -> !e.duplicate() && e.version().equals(version)).toList();
  }

  private int firstOf(String version) {
    return applied(version).get(0).sequence();
  }

  private static <T> T last(List<T> list) {
    assertThat(list).isNotEmpty();
    return list.get(list.size() - 1);
  }
}
