package dev.deployflow.workflow.support;

import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.ApprovalSpec;
import dev.deployflow.pipeline.ArtifactSpec;
import dev.deployflow.pipeline.BuildSpec;
import dev.deployflow.pipeline.CommandSpec;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.FreezeSpec;
import dev.deployflow.pipeline.HotfixSpec;
import dev.deployflow.pipeline.HttpCall;
import dev.deployflow.pipeline.MigrateSpec;
import dev.deployflow.pipeline.NotificationTarget;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.RollbackSpec;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.pipeline.SmokeTest;
import dev.deployflow.pipeline.StabilitySpec;
import dev.deployflow.pipeline.VersionProbe;
import dev.deployflow.pipeline.WindowSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds pipelines for tests. {@link #standard} is the pipeline of CONTRACT.md in small: two
 * components (api with build, artifacts and a migration; web with an HTTP deploy hook), staging
 * and production, an approval gate of bob, carol and dave (1 of 3), a 10% / 50% / 100% rollout
 * analysed by {@code error-rate}, production smoke tests, a 2h stability window, notifications, a
 * configuration rollback, a hotfix track and two operators, erin and frank. Each method changes
 * one thing.
 */
public final class TestPipelines {
  public static final String APP = "shop";
  public static final String STAGING = "staging";
  public static final String PRODUCTION = "production";
  public static final String ERROR_RATE = "error-rate";

  private final List<Component> components = new ArrayList<>();
  private List<String> stagingConfig = List.of("DATABASE_URL");
  private ApprovalSpec approval = new ApprovalSpec(List.of("bob", "carol", "dave"), 1, "24h", false, null);
  private WindowSpec window;
  private final List<FreezeSpec> freezes = new ArrayList<>();
  private List<RolloutStep> rollout = List.of(
      new RolloutStep(10, "10m", List.of(ERROR_RATE)),
      new RolloutStep(50, "30m", List.of(ERROR_RATE)),
      new RolloutStep(100, null, List.of()));
  private StabilitySpec stability = new StabilitySpec("2h", "5m", List.of(ERROR_RATE));
  private final Map<String, AnalysisTemplate> analysis = new LinkedHashMap<>();
  private final List<NotificationTarget> notifications = new ArrayList<>();
  private RollbackSpec rollback = new RollbackSpec(new CommandSpec(List.of("./ci/config-rollback.sh", "${application}"), "5m", null));
  private HotfixSpec hotfix = new HotfixSpec(true, List.of(new RolloutStep(100, null, List.of())));
  private boolean requireRollbackPlan;
  private static final List<String> DEFAULT_OPERATORS = List.of("erin", "frank");
  private List<String> operators = DEFAULT_OPERATORS;
  private String application = APP;
  private List<String> applications;
  private final List<String> stages = new ArrayList<>(List.of(STAGING));
  private final Map<String, String[]> onFailure = new LinkedHashMap<>();
  private String productionName = PRODUCTION;
  private final List<Environment> laterWaves = new ArrayList<>();
  private final Map<String, List<FreezeSpec>> waveFreezes = new LinkedHashMap<>();

  private TestPipelines() {
    components.add(new Component("api", "backend",
        new BuildSpec(List.of("./ci/build.sh", "api", "${version}"), "20m", null,
            List.of(new ArtifactSpec("build/api-${version}.jar", "300MB", "build/api-${version}.jar.sha256"))),
        new MigrateSpec(List.of("./ci/migrate.sh", "${environment}", "up"), List.of("./ci/migrate.sh", "${environment}", "down"), "5m", null),
        new DeploySpec(List.of("./ci/deploy.sh", "api", "${environment}", "${version}", "${weight}"), "10m", null, null,
            new VersionProbe(new VersionProbe.Http("https://${environment}.shop.example.com/version", "/version", null), null))));
    components.add(new Component("web", "web", null, null,
        new DeploySpec(null, null, null,
            new HttpCall("POST", "https://deploy.example.com/hooks/web", Map.of("Authorization", "Bearer ${env:DEPLOY_TOKEN}"),
                "{\"env\":\"${environment}\",\"version\":\"${version}\"}"),
            new VersionProbe(new VersionProbe.Http("https://${environment}.shop.example.com/web/version", "/version", null), null))));
    analysis.put(ERROR_RATE, new AnalysisTemplate(new AnalysisTemplate.PrometheusSource("http://prometheus:9090", "rate(errors[1m])"),
        null, 0.01, null, null, "1m", 3, 0, 1, 2));
    notifications.add(new NotificationTarget(new NotificationTarget.Webhook("${env:SLACK_WEBHOOK_URL}", "slack"), List.of()));
  }

  /** The standard test pipeline, to be changed with the methods below. */
  public static TestPipelines standard() {
    return new TestPipelines();
  }

  public TestPipelines approval(int required, String... approvers) {
    approval = new ApprovalSpec(List.of(approvers), required, approval == null ? "24h" : approval.timeout(), false, null);
    return this;
  }

  public TestPipelines approval(ApprovalSpec spec) {
    approval = spec;
    return this;
  }

  /**
   * Production without an approval gate. Its approvers (bob, carol, dave) then join the operators,
   * unless the operators were set, so that the same people may still pause, promote and roll back;
   * {@link #operators} and {@link #noOperators} after this call set them as they say.
   */
  public TestPipelines noApproval() {
    if (approval != null && DEFAULT_OPERATORS.equals(operators)) {
      List<String> widened = new ArrayList<>(approval.approvers());
      widened.addAll(DEFAULT_OPERATORS);
      operators = List.copyOf(widened);
    }
    approval = null;
    return this;
  }

  public TestPipelines rollout(RolloutStep... steps) {
    rollout = List.of(steps);
    return this;
  }

  public TestPipelines stability(String duration, String interval, String... metrics) {
    stability = new StabilitySpec(duration, interval, List.of(metrics));
    return this;
  }

  public TestPipelines noStability() {
    stability = null;
    return this;
  }

  public TestPipelines window(String days, String from, String to, String zone) {
    window = new WindowSpec(List.of(days.split(",")), from, to, zone);
    return this;
  }

  public TestPipelines freeze(String from, String to, String reason) {
    freezes.add(new FreezeSpec(from, to, reason));
    return this;
  }

  /** A freeze of a later wave ({@link #wave}), by its name; {@link #freeze} is the first wave's. */
  public TestPipelines freeze(String wave, String from, String to, String reason) {
    waveFreezes.computeIfAbsent(wave, w -> new ArrayList<>()).add(new FreezeSpec(from, to, reason));
    return this;
  }

  public TestPipelines analysis(String name, AnalysisTemplate template) {
    analysis.put(name, template);
    return this;
  }

  /** The error-rate analysis with other limits: count, failureLimit, inconclusiveLimit, consecutiveErrorLimit. */
  public TestPipelines errorRate(int count, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit, String maxIncrease) {
    analysis.put(ERROR_RATE, new AnalysisTemplate(new AnalysisTemplate.PrometheusSource("http://prometheus:9090", "rate(errors[1m])"),
        null, 0.01, null, maxIncrease, "1m", count, failureLimit, inconclusiveLimit, consecutiveErrorLimit));
    return this;
  }

  public TestPipelines notification(NotificationTarget target) {
    notifications.add(target);
    return this;
  }

  public TestPipelines notifications(NotificationTarget... targets) {
    notifications.clear();
    notifications.addAll(List.of(targets));
    return this;
  }

  public TestPipelines noConfigRollback() {
    rollback = null;
    return this;
  }

  public TestPipelines hotfix(HotfixSpec spec) {
    hotfix = spec;
    return this;
  }

  public TestPipelines requireRollbackPlan() {
    requireRollbackPlan = true;
    return this;
  }

  /** The pipeline's {@code operators} (erin and frank unless changed). */
  public TestPipelines operators(String... names) {
    operators = List.of(names);
    return this;
  }

  /** A pipeline without {@code operators}: the operators are then production's approvers. */
  public TestPipelines noOperators() {
    operators = null;
    return this;
  }

  /** The one application the pipeline serves ({@code application}). */
  public TestPipelines application(String name) {
    application = name;
    applications = null;
    return this;
  }

  /** The applications that share the pipeline ({@code applications}, instead of {@code application}). */
  public TestPipelines applications(String... names) {
    application = null;
    applications = List.of(names);
    return this;
  }

  public TestPipelines stagingConfig(String... names) {
    stagingConfig = List.of(names);
    return this;
  }

  /** Replaces the components (e.g. one component only). */
  public TestPipelines components(Component... replacement) {
    components.clear();
    components.addAll(List.of(replacement));
    return this;
  }

  public Component component(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * A dependency graph: a third component, {@code worker} (a command deploy with a version probe),
   * and both {@code web} and {@code worker} saying {@code dependsOn: [api]}, so that they deploy at
   * the same time once api has.
   */
  public TestPipelines graph() {
    Component web = components.get(1);
    components.set(1, new Component(web.name(), web.kind(), web.build(), web.migrate(), web.deploy(), List.of("api")));
    components.add(new Component("worker", "backend", null, null,
        new DeploySpec(List.of("./ci/deploy.sh", "worker", "${environment}", "${version}", "${weight}"), "10m", null, null,
            new VersionProbe(new VersionProbe.Http("https://${environment}.shop.example.com/worker/version", "/version", null), null)),
        List.of("api")));
    return this;
  }

  /** The environment's {@code onFailure} ({@code ask} or {@code rollback}) and {@code decisionTimeout} (null: default). */
  public TestPipelines onFailure(String environment, String choice, String decisionTimeout) {
    onFailure.put(environment, new String[] {choice, decisionTimeout});
    return this;
  }

  /** Renames the production environment (the first wave once {@link #wave} adds more). */
  public TestPipelines productionName(String name) {
    productionName = name;
    return this;
  }

  /**
   * Adds a production wave after the others, with its health smoke test; from then on every
   * production environment says {@code role: production}. A null {@code approval} follows the
   * first wave's.
   */
  public TestPipelines wave(String name, ApprovalSpec approval, StabilitySpec stability, RolloutStep... steps) {
    laterWaves.add(new Environment(name, null, List.of(smoke("health", name)), approval, null, null,
        steps.length == 0 ? null : List.of(steps), stability, null, null, Environment.PRODUCTION));
    return this;
  }

  public Pipeline build() {
    List<Environment> environments = new ArrayList<>();
    for (String stage : stages) {
      environments.add(new Environment(stage, stagingConfig, List.of(smoke("health", stage)), null, null, null, null, null));
    }
    environments.add(new Environment(productionName, List.of("DATABASE_URL", "PAYMENT_API_KEY"),
        List.of(smoke("health", productionName), smoke("checkout", productionName)), approval, window,
        freezes.isEmpty() ? null : List.copyOf(freezes), rollout, stability, null, null,
        laterWaves.isEmpty() ? null : Environment.PRODUCTION));
    environments.addAll(laterWaves);
    for (int i = 0; i < environments.size(); i++) {
      Environment e = environments.get(i);
      List<FreezeSpec> own = waveFreezes.get(e.name());
      if (own != null) {
        e = new Environment(e.name(), e.requiredConfig(), e.smokeTests(), e.approval(), e.window(),
            List.copyOf(own), e.rollout(), e.stability(), e.onFailure(), e.decisionTimeout(), e.role());
        environments.set(i, e);
      }
      String[] choice = onFailure.get(e.name());
      if (choice != null) {
        environments.set(i, new Environment(e.name(), e.requiredConfig(), e.smokeTests(), e.approval(), e.window(),
            e.freezes(), e.rollout(), e.stability(), choice[0], choice[1], e.role()));
      }
    }
    return new Pipeline(application, requireRollbackPlan, List.copyOf(components), environments, Map.copyOf(analysis),
        List.copyOf(notifications), rollback, hotfix, operators, applications);
  }

  private static SmokeTest smoke(String name, String environment) {
    return new SmokeTest(name, new HttpCall("GET", "https://" + environment + ".shop.example.com/" + name, null, null),
        new SmokeTest.Expectation(200, "UP", null, "2s"));
  }
}
