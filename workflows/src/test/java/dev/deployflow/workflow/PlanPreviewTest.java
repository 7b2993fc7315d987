package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.api.DeploymentWorkflow;
import dev.deployflow.api.ReleasePlanWorkflow;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.PlanPreview.PlannedStep;
import dev.deployflow.model.PlanStepKind;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.workflow.support.Histories;
import dev.deployflow.workflow.support.ReleaseHarness;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The plan preview of the bundled demo pipeline: what it says, that it deploys nothing, and that
 * a release of the same pipeline then takes exactly the planned steps in the planned order.
 */
class PlanPreviewTest {
  private static final String APP = "demo-shop";
  private ReleaseHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  static Pipeline demoPipeline() throws IOException {
    return new YAMLMapper().readValue(Path.of("..", "pipelines", "demo-shop.yaml").toFile(), Pipeline.class);
  }

  private PlanPreview plan(ReleaseRequest request) {
    ReleasePlanWorkflow workflow = harness.client().newWorkflowStub(ReleasePlanWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(DeploymentWorkflow.TASK_QUEUE)
            .setWorkflowId(ReleasePlanWorkflow.ID_PREFIX + APP + "-test").build());
    return workflow.plan(request);
  }

  private static ReleaseRequest request(ReleaseKind kind) {
    return new ReleaseRequest(APP, "1.2.0", null, kind, null, "alice", List.of("faster checkout"), null);
  }

  @Test
  void planOfTheDemoPipelineNamesEveryStepAndDeploysNothing() throws IOException {
    harness = new ReleaseHarness(demoPipeline());
    PlanPreview plan = plan(request(null));

    assertThat(plan.application()).isEqualTo(APP);
    assertThat(plan.pipeline()).isEqualTo(APP);
    assertThat(plan.kind()).isEqualTo(ReleaseKind.STANDARD);
    assertThat(plan.components()).containsExactly("api", "web", "worker");
    assertThat(plan.environments()).extracting(e -> e.name() + " production=" + e.production() + " " + e.smokeTests()
        + " " + e.stability())
        .containsExactly("staging production=false [health] null",
            "production production=true [health] 10s, error-rate every 2s",
            "production-eu production=true [health] 6s, error-rate every 2s");
    // The waves, in order; production-eu has no gate of its own and follows production's approval.
    assertThat(plan.environments()).extracting(e -> e.name() + " wave " + e.wave() + " follows " + e.followsApprovalOf())
        .containsExactly("staging wave null follows null", "production wave 1 follows null",
            "production-eu wave 2 follows production");
    assertThat(plan.gates()).singleElement().satisfies(g -> {
      assertThat(g.kind()).isEqualTo(GateKind.APPROVAL);
      assertThat(g.environment()).isEqualTo("production");
      assertThat(g.approvers()).containsExactly("bob", "carol");
      assertThat(g.required()).isEqualTo(1);
      assertThat(g.timeout()).isEqualTo("10m");
    });
    assertThat(plan.rollout()).extracting(s -> s.weight() + "% pause " + s.pause() + " " + s.analyses().stream()
        .map(a -> a.metric() + " max " + a.max() + " " + a.count() + "x" + a.interval() + " failureLimit " + a.failureLimit())
        .toList())
        .containsExactly("10% pause 3s [error-rate max 0.01 2x1s failureLimit 0]",
            "50% pause 3s [error-rate max 0.01 2x1s failureLimit 0]", "100% pause null []");
    // production: two pauses of 3s, two analyses of 2 x 1s, a 10s stability window (20s);
    // production-eu: a pause of 2s, an analysis of 2 x 1s, a 6s stability window (10s).
    assertThat(plan.minimumDuration()).isEqualTo("30s");
    assertThat(plan.minimumSeconds()).isEqualTo(30);
    assertThat(plan.holds()).isEmpty();
    assertThat(plan.diff()).extracting(PlanPreview.VersionChange::describe).containsExactly(
        "api: 1.1.0 → 1.2.0 in staging", "web: 1.1.0 → 1.2.0 in staging", "worker: 1.1.0 → 1.2.0 in staging",
        "api: 1.1.0 → 1.2.0 in production", "web: 1.1.0 → 1.2.0 in production", "worker: 1.1.0 → 1.2.0 in production",
        "api: 1.1.0 → 1.2.0 in production-eu", "web: 1.1.0 → 1.2.0 in production-eu", "worker: 1.1.0 → 1.2.0 in production-eu");
    // The layers: api, then web and worker at the same time.
    assertThat(plan.summary()).isEqualTo("demo-shop 1.2.0: api → web + worker to staging, production, production-eu;"
        + " 1 approval(s) of bob, carol; waves production 10% → 50% → 100%, production-eu 50% → 100%"
        + " judged by error-rate; at least 30s");
    assertThat(plan.steps()).extracting(PlannedStep::detail).containsExactly(
        "deploy api 1.2.0 to staging at 100%", "deploy web 1.2.0 to staging at 100% (at the same time as worker)",
        "deploy worker 1.2.0 to staging at 100% (at the same time as web)", "smoke test health in staging",
        "approval of production: 1 of bob, carol",
        "deploy api 1.2.0 to production at 10%",
        "deploy web 1.2.0 to production at 10% (at the same time as worker)",
        "deploy worker 1.2.0 to production at 10% (at the same time as web)",
        "pause 3s at canary 10% in production",
        "analysis of canary 10% in production: error-rate",
        "deploy api 1.2.0 to production at 50%",
        "deploy web 1.2.0 to production at 50% (at the same time as worker)",
        "deploy worker 1.2.0 to production at 50% (at the same time as web)",
        "pause 3s at canary 50% in production",
        "analysis of canary 50% in production: error-rate",
        "deploy api 1.2.0 to production at 100%",
        "deploy web 1.2.0 to production at 100% (at the same time as worker)",
        "deploy worker 1.2.0 to production at 100% (at the same time as web)",
        "smoke test health in production",
        "stability window 10s, error-rate every 2s in production",
        "deploy api 1.2.0 to production-eu at 50%",
        "deploy web 1.2.0 to production-eu at 50% (at the same time as worker)",
        "deploy worker 1.2.0 to production-eu at 50% (at the same time as web)",
        "pause 2s at canary 50% in production-eu",
        "analysis of canary 50% in production-eu: error-rate",
        "deploy api 1.2.0 to production-eu at 100%",
        "deploy web 1.2.0 to production-eu at 100% (at the same time as worker)",
        "deploy worker 1.2.0 to production-eu at 100% (at the same time as web)",
        "smoke test health in production-eu",
        "stability window 6s, error-rate every 2s in production-eu");

    // Read-only: the versions were probed, and nothing else that acts on the world ran.
    ArgumentCaptor<VersionProbeRequest> probes = ArgumentCaptor.forClass(VersionProbeRequest.class);
    verify(harness.mocks.deploy, atLeastOnce()).readCurrentVersion(probes.capture());
    assertThat(probes.getAllValues()).extracting(p -> p.environment() + "/" + p.component())
        .containsExactly("staging/api", "staging/web", "staging/worker", "production/api", "production/web",
            "production/worker", "production-eu/api", "production-eu/web", "production-eu/worker");
    verify(harness.mocks.deploy, never()).deploy(any());
    verify(harness.mocks.commands, never()).runCommand(any());
    verify(harness.mocks.smokeTests, never()).runSmokeTest(any());
    verify(harness.mocks.metrics, never()).measure(any());
    verify(harness.mocks.notifications, never()).sendNotification(any());
    verify(harness.mocks.releaseLog, never()).appendReleaseLog(any());
  }

  @Test
  void hotfixPlanSkipsNothingTheHotfixWouldNotSkip() throws IOException {
    harness = new ReleaseHarness(demoPipeline());
    PlanPreview plan = plan(request(ReleaseKind.HOTFIX));
    // The demo pipeline has no hotfix fast track: a hotfix plans as a standard release does.
    assertThat(plan.kind()).isEqualTo(ReleaseKind.HOTFIX);
    assertThat(plan.environments()).extracting(PlanPreview.PlannedEnvironment::name)
        .containsExactly("staging", "production", "production-eu");
    assertThat(plan.summary()).startsWith("demo-shop 1.2.0 (hotfix): ");
  }

  @Test
  void releaseOfTheDemoPipelineTakesThePlannedStepsInThePlannedOrder() throws IOException {
    harness = new ReleaseHarness(demoPipeline());
    PlanPreview plan = plan(request(null));

    DeploymentWorkflow release = harness.start(request(null));
    ReleaseStatus waiting = harness.awaitGate("production");
    // The approval request carries the plan's summary, the changes and the diff the release has read:
    // staging before its deploy, and production (the wave the gate opens for) right before the gate.
    ReleaseStatus.GateStatus gate = waiting.gates().get(0);
    assertThat(gate.planSummary()).isEqualTo(plan.summary());
    assertThat(gate.changes()).containsExactly("faster checkout");
    assertThat(gate.diff()).extracting(PlanPreview.VersionChange::describe)
        .containsExactly("api: 1.1.0 → 1.2.0 in staging", "web: 1.1.0 → 1.2.0 in staging",
            "worker: 1.1.0 → 1.2.0 in staging",
            "api: 1.1.0 → 1.2.0 in production", "web: 1.1.0 → 1.2.0 in production", "worker: 1.1.0 → 1.2.0 in production");
    ArgumentCaptor<dev.deployflow.activity.NotificationActivities.NotifyRequest> notes =
        ArgumentCaptor.forClass(dev.deployflow.activity.NotificationActivities.NotifyRequest.class);
    verify(harness.mocks.notifications, atLeastOnce()).sendNotification(notes.capture());
    assertThat(notes.getAllValues()).filteredOn(n -> n.event().equals("awaiting_approval")).singleElement()
        .satisfies(n -> {
          assertThat(n.planSummary()).isEqualTo(plan.summary());
          assertThat(n.changes()).containsExactly("faster checkout");
          assertThat(n.diff()).isEqualTo(gate.diff());
        });
    release.approve(new ApproveMessage("bob", null, "per the plan"));
    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);

    List<String> executed = new ArrayList<>();
    for (ReleaseStatus.TimelineEvent event : harness.status().timeline()) {
      String step = executedStep(event.event());
      if (step != null) {
        executed.add(step);
      }
    }
    List<String> planned = plan.steps().stream().filter(s -> s.kind() != PlanStepKind.PAUSE)
        .map(PlanPreviewTest::plannedStep).toList();
    // web and worker deploy at the same time: either may be reported first.
    assertThat(layerSorted(executed)).isNotEmpty().containsExactlyElementsOf(layerSorted(planned));

    // The pauses are timers: the release's timers, in order, are the planned pauses.
    List<String> timers = Histories.summarised(harness.history()).stream()
        .filter(s -> s.type() == EventType.EVENT_TYPE_TIMER_STARTED && s.summary().startsWith("rollout pause "))
        .map(s -> s.summary().substring("rollout ".length())).toList();
    assertThat(timers).isNotEmpty().containsExactlyElementsOf(
        plan.steps().stream().filter(s -> s.kind() == PlanStepKind.PAUSE).map(PlannedStep::detail).toList());
  }

  private static final Pattern DEPLOYED = Pattern.compile("(\\S+) (\\S+) deployed to (\\S+) at (\\d+)%");
  private static final Pattern SMOKE = Pattern.compile("smoke test (\\S+) passed in (\\S+)");
  private static final Pattern GATE = Pattern.compile("opened approval gate '([^']+)'.*");
  private static final Pattern ANALYSIS = Pattern.compile("analysis of (.+) passed");

  /** A timeline event as the step it reports, in the plan's words; null for other events. */
  private static String executedStep(String event) {
    Matcher m;
    if ((m = DEPLOYED.matcher(event)).matches()) {
      return "deploy " + m.group(1) + " " + m.group(2) + " to " + m.group(3) + " at " + m.group(4) + "%";
    }
    if ((m = SMOKE.matcher(event)).matches()) {
      return "smoke test " + m.group(1) + " in " + m.group(2);
    }
    if ((m = GATE.matcher(event)).matches()) {
      return "approval of " + m.group(1);
    }
    if ((m = ANALYSIS.matcher(event)).matches()) {
      return "analysis of " + m.group(1);
    }
    if (event.startsWith("stability window: ")) {
      return "stability window";
    }
    return null;
  }

  /** A planned step in the same words: the detail up to its colon, the stability window without its spec. */
  private static String plannedStep(PlannedStep step) {
    if (step.kind() == PlanStepKind.STABILITY) {
      return "stability window";
    }
    String detail = step.detail().replaceAll(" \\(at the same time as [^)]*\\)$", "");
    int colon = detail.indexOf(':');
    return colon < 0 ? detail : detail.substring(0, colon);
  }

  /** The steps with each run of deploys of web and worker (one layer, deployed together) sorted. */
  private static List<String> layerSorted(List<String> steps) {
    List<String> out = new ArrayList<>(steps);
    for (int i = 0; i < out.size(); i++) {
      int j = i;
      while (j < out.size() && out.get(j).matches("deploy (web|worker) .*")) {
        j++;
      }
      if (j > i + 1) {
        java.util.Collections.sort(out.subList(i, j));
        i = j - 1;
      }
    }
    return out;
  }
}
