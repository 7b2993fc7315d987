package dev.deployflow.plan;

import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.PlanPreview.PlannedAnalysis;
import dev.deployflow.model.PlanPreview.PlannedEnvironment;
import dev.deployflow.model.PlanPreview.PlannedGate;
import dev.deployflow.model.PlanPreview.PlannedHold;
import dev.deployflow.model.PlanPreview.PlannedRolloutStep;
import dev.deployflow.model.PlanPreview.PlannedStep;
import dev.deployflow.model.PlanPreview.VersionChange;
import dev.deployflow.model.PlanStepKind;
import dev.deployflow.model.ReleaseKind;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.pipeline.SmokeTest;
import dev.deployflow.pipeline.StabilitySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link ReleasePlan} into the {@link PlanPreview} people read before a release. Pure and
 * free of time-zone rules: the window decisions and the live versions are given, so that the
 * workflow that calls it stays deterministic. The steps follow the order in which the release
 * workflow takes them (staging deploys and smoke tests, then per production wave: its approval,
 * each rollout step's deploys, pause and analysis, its smoke tests, its stability window).
 */
public final class PlanPreviews {
  /** The stability check interval when the pipeline gives none, as the release uses it. */
  static final Duration DEFAULT_STABILITY_INTERVAL = Duration.ofMinutes(5);

  private PlanPreviews() {}

  /**
   * The preview of a release.
   *
   * @param request the release request with its defaults applied
   * @param decisions each environment's window decision at {@code now}, for the environments that
   *     have a window or freezes; others are always open
   * @param live the version each component runs per environment ({@code env -> component -> version}),
   *     null or missing where unknown
   */
  public static PlanPreview of(Pipeline pipeline, ReleasePlan plan, ReleaseRequest request, Instant now,
      Map<String, WindowDecision> decisions, Map<String, Map<String, String>> live) {
    String version = request.version();
    List<String> components = plan.components().stream().map(Component::name).toList();
    List<PlannedEnvironment> environments = new ArrayList<>();
    List<PlannedStep> steps = new ArrayList<>();
    List<PlannedHold> holds = new ArrayList<>();
    List<VersionChange> diff = new ArrayList<>();
    for (Environment stage : plan.stages()) {
      environments.add(new PlannedEnvironment(stage.name(), false, smokeTestNames(stage), null));
      deploys(steps, plan, stage, version, 100);
      smokeTests(steps, stage);
    }
    List<PlannedGate> gates = new ArrayList<>();
    List<PlannedRolloutStep> rollout = new ArrayList<>();
    boolean several = plan.waves().size() > 1;
    for (Wave wave : plan.waves()) {
      Environment production = wave.environment();
      environments.add(new PlannedEnvironment(production.name(), true, smokeTestNames(production),
          stability(production.stability()), wave.number(), wave.followsApprovalOf()));
      if (wave.approval() != null) {
        gates.add(new PlannedGate(production.name(), GateKind.APPROVAL, wave.approval().approvers(),
            wave.approval().requiredCount(), wave.approval().timeout(), wave.approval().selfApprovalAllowed()));
        steps.add(new PlannedStep(PlanStepKind.APPROVAL, production.name(), null, null,
            "approval of " + production.name() + ": " + wave.approval().requiredCount() + " of "
                + String.join(", ", wave.approval().approvers())));
      }
      List<RolloutStep> rolloutSteps = wave.rollout();
      for (int i = 0; i < rolloutSteps.size(); i++) {
        RolloutStep step = rolloutSteps.get(i);
        int weight = step.weight();
        String label = label(weight, i, rolloutSteps.size()) + (several ? " in " + production.name() : "");
        deploys(steps, plan, production, version, weight);
        if (step.pause() != null && !step.pause().isBlank()) {
          steps.add(new PlannedStep(PlanStepKind.PAUSE, production.name(), null, weight,
              "pause " + step.pause() + " at " + label));
        }
        List<PlannedAnalysis> analyses = analyses(pipeline, step.analysis());
        if (!analyses.isEmpty()) {
          steps.add(new PlannedStep(PlanStepKind.ANALYSIS, production.name(), null, weight,
              "analysis of " + label + ": " + String.join(", ", step.analysis())));
        }
        if (wave.number() == 1) {
          rollout.add(new PlannedRolloutStep(weight, step.pause(), analyses));
        }
      }
      smokeTests(steps, production);
      StabilitySpec stability = production.stability();
      if (stability != null && stability.duration() != null) {
        steps.add(new PlannedStep(PlanStepKind.STABILITY, production.name(), null, null,
            "stability window " + stability(stability) + (several ? " in " + production.name() : "")));
      }
    }
    for (Environment environment : plan.allEnvironments()) {
      WindowDecision decision = decisions == null ? null : decisions.get(environment.name());
      if (decision != null) {
        holds.add(new PlannedHold(environment.name(), decision.open(),
            decision.opensAt() == null ? null : decision.opensAt().toString(), decision.reason()));
      }
      Map<String, String> versions = live == null ? null : live.get(environment.name());
      for (String component : components) {
        diff.add(new VersionChange(component, environment.name(), versions == null ? null : versions.get(component), version));
      }
    }
    String name = request.pipeline() == null ? request.application() : request.pipeline();
    ReleaseKind kind = request.kind() == null ? ReleaseKind.STANDARD : request.kind();
    Duration minimum = minimumDuration(pipeline, plan);
    return new PlanPreview(request.application(), version, name, kind, now.toString(), components, environments,
        gates, rollout, holds, steps, diff, Durations.format(minimum), minimum.toSeconds(),
        summary(request, plan, minimum));
  }

  /**
   * The plan in one line, carried by the approval request too:
   * {@code demo-shop 1.2.0: api, web to staging, production; 1 approval of bob, carol; rollout 10% → 50% → 100%; at least 25s}.
   */
  public static String summary(Pipeline pipeline, ReleasePlan plan, ReleaseRequest request) {
    return summary(request, plan, minimumDuration(pipeline, plan));
  }

  private static String summary(ReleaseRequest request, ReleasePlan plan, Duration minimum) {
    StringBuilder text = new StringBuilder()
        .append(request.application()).append(' ').append(request.version())
        .append(request.kind() == ReleaseKind.HOTFIX ? " (hotfix)" : "").append(": ")
        .append(componentOrder(plan))
        .append(" to ").append(String.join(", ", plan.allEnvironments().stream().map(Environment::name).toList()));
    if (plan.approval() != null) {
      text.append("; ").append(plan.approval().requiredCount()).append(" approval(s) of ")
          .append(String.join(", ", plan.approval().approvers()));
    }
    if (plan.waves().size() > 1) {
      text.append("; waves ").append(String.join(", ", plan.waves().stream()
          .map(w -> w.name() + " " + String.join(" → ", w.rollout().stream().map(s -> s.weight() + "%").toList())
              + (w.approval() != null && w.number() > 1 ? " (own approval)" : ""))
          .toList()));
    } else {
      text.append("; rollout ").append(String.join(" → ", plan.rollout().stream().map(s -> s.weight() + "%").toList()));
    }
    List<String> metrics = plan.analysisNames();
    if (!metrics.isEmpty()) {
      text.append(" judged by ").append(String.join(", ", metrics));
    }
    return text.append("; at least ").append(Durations.format(minimum)).toString();
  }

  /**
   * The least time the release takes when nobody waits: every rollout pause, each step's analyses
   * (count × interval of the slowest: the metrics of one step are analysed side by side) and the
   * stability window, of every wave. Builds, deploys and smoke tests are left out: their time is the target's.
   */
  static Duration minimumDuration(Pipeline pipeline, ReleasePlan plan) {
    Duration minimum = Duration.ZERO;
    for (Wave wave : plan.waves()) {
      for (RolloutStep step : wave.rollout()) {
        if (step.pause() != null && !step.pause().isBlank()) {
          minimum = minimum.plus(Durations.parse(step.pause()));
        }
        minimum = minimum.plus(analyses(pipeline, step.analysis()).stream().map(PlanPreviews::analysisTime)
            .max(Duration::compareTo).orElse(Duration.ZERO));
      }
      StabilitySpec stability = wave.environment().stability();
      if (stability != null && stability.duration() != null) {
        minimum = minimum.plus(Durations.parse(stability.duration()));
      }
    }
    return minimum;
  }

  private static void deploys(List<PlannedStep> steps, ReleasePlan plan, Environment environment, String version, int weight) {
    for (List<Component> layer : plan.layers()) {
      for (Component component : layer) {
        // The components of one layer deploy at the same time: each step names the others.
        List<String> others = layer.stream().map(Component::name).filter(n -> !n.equals(component.name())).toList();
        steps.add(new PlannedStep(PlanStepKind.DEPLOY, environment.name(), component.name(), weight,
            "deploy " + component.name() + " " + version + " to " + environment.name() + " at " + weight + "%"
                + (others.isEmpty() ? "" : " (at the same time as " + String.join(", ", others) + ")")));
      }
    }
  }

  /**
   * The components in deploy order: {@code api, web} without {@code dependsOn}; with it, the layers
   * in order and the components of a layer, which deploy at the same time, joined by {@code +}:
   * {@code api → web + worker}.
   */
  static String componentOrder(ReleasePlan plan) {
    if (!plan.graph()) {
      return String.join(", ", plan.components().stream().map(Component::name).toList());
    }
    return String.join(" → ", plan.layers().stream()
        .map(layer -> String.join(" + ", layer.stream().map(Component::name).toList())).toList());
  }

  private static void smokeTests(List<PlannedStep> steps, Environment environment) {
    for (String test : smokeTestNames(environment)) {
      steps.add(new PlannedStep(PlanStepKind.SMOKE_TEST, environment.name(), null, null,
          "smoke test " + test + " in " + environment.name()));
    }
  }

  private static List<String> smokeTestNames(Environment environment) {
    return environment.smokeTests() == null ? List.of() : environment.smokeTests().stream().map(SmokeTest::name).toList();
  }

  private static List<PlannedAnalysis> analyses(Pipeline pipeline, List<String> names) {
    List<PlannedAnalysis> analyses = new ArrayList<>();
    if (names == null) {
      return analyses;
    }
    for (String metric : names) {
      AnalysisTemplate template = pipeline.analysis() == null ? null : pipeline.analysis().get(metric);
      AnalysisPolicy policy = AnalysisPolicy.from(metric, template, null);
      analyses.add(new PlannedAnalysis(metric, template.max(), template.min(), template.maxIncrease(), policy.count(),
          Durations.format(policy.interval()), policy.failureLimit()));
    }
    return analyses;
  }

  private static Duration analysisTime(PlannedAnalysis analysis) {
    return Durations.parse(analysis.interval()).multipliedBy(analysis.count());
  }

  /** {@code 10s, error-rate every 2s}, as the release's stability window names itself. */
  private static String stability(StabilitySpec spec) {
    if (spec == null || spec.duration() == null) {
      return null;
    }
    List<String> names = spec.analysis() == null ? List.of() : spec.analysis();
    Duration interval = Durations.parseOr(spec.interval(), DEFAULT_STABILITY_INTERVAL);
    return spec.duration() + (names.isEmpty() ? "" : ", " + String.join(", ", names) + " every " + Durations.format(interval));
  }

  /** The rollout step's label, as the release's timeline and status name it. */
  static String label(int weight, int index, int steps) {
    return weight >= 100 ? "step " + (index + 1) + "/" + steps + " (100%)" : "canary " + weight + "%";
  }
}
