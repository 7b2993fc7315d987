package dev.deployflow.bench;

import dev.deployflow.activity.ArtifactActivities;
import dev.deployflow.activity.CommandActivities;
import dev.deployflow.activity.ConfigActivities;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.DeployCheckActivities;
import dev.deployflow.activity.MetricActivities;
import dev.deployflow.activity.NotificationActivities;
import dev.deployflow.activity.PipelineActivities;
import dev.deployflow.activity.ReleaseLogActivities;
import dev.deployflow.activity.SmokeTestActivities;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.pipeline.StabilitySpec;
import dev.deployflow.pipeline.PipelineValidator;
import dev.deployflow.plan.DeployWindows;
import dev.deployflow.plan.ReleasePlan;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Every activity the release workflows call, answering at once as a healthy release would: what
 * the benchmark measures is the workflow code and Temporal, not builds, deploys or HTTP. The one
 * exception is planning, which runs the project's real validation and planning (as the real
 * {@code PipelineActivitiesImpl} does after reading the file), because that work is deployflow's.
 *
 * <p>A release whose application starts with {@link #BREACH_PREFIX} reads an unhealthy metric at
 * every measurement, so that its first rollout analysis fails and the release rolls back.
 */
final class InstantActivities implements PipelineActivities, CommandActivities, ArtifactActivities,
    ConfigActivities, DeployActivities, MetricActivities, SmokeTestActivities, NotificationActivities,
    ReleaseLogActivities, DeployCheckActivities {

  static final String BREACH_PREFIX = "breach-";
  static final String WEEK_PREFIX = "week-";
  /** Releases whose approval notification takes {@link #SLOW_NOTIFY_MILLIS} to answer. */
  static final String SLOW_NOTIFY_PREFIX = "slow-";
  static final long SLOW_NOTIFY_MILLIS = 300;
  static final String CANARY_PREFIX = "canary-";
  /**
   * The scale run's releases: the standard release up to and including the approval gate, then
   * one 100% step without analysis or stability window, so that completing 2,000 of them after
   * their approval stays within the run's time.
   */
  static final String PARK_PREFIX = "park-";
  static final String PREVIOUS = "1.0.0";
  private static final String ERROR_RATE = "error-rate";
  private static final String LATENCY = "latency";

  private final Pipeline template;
  /** Told the application of every release that asks for approval, so that the driver can give it. */
  private volatile java.util.function.Consumer<String> approvalAsked = application -> {};

  /** @param template the parsed bench pipeline; each release gets a copy naming its application */
  InstantActivities(Pipeline template) {
    this.template = template;
  }

  @Override
  public Pipeline loadPipeline(LoadPipelineRequest request) {
    return template;
  }

  @Override
  public PlannedRelease planRelease(PlanReleaseRequest request) {
    Pipeline pipeline = forApplication(request.release().application());
    List<String> problems = PipelineValidator.validate(pipeline, request.release());
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(String.join("; ", problems), "InvalidPipeline");
    }
    return new PlannedRelease(pipeline, ReleasePlan.of(pipeline, request.release()));
  }

  /**
   * The bench pipeline serving that application (the YAML names a placeholder one). The scale run
   * uses {@link #PARK_PREFIX}; two variants measure history sizes: {@link #WEEK_PREFIX} watches production for 7 days with 1-minute checks,
   * {@link #CANARY_PREFIX} analyses its first step with two metrics, 2,000 measurements each, one a
   * minute.
   */
  Pipeline forApplication(String application) {
    Pipeline t = template;
    List<Environment> environments = t.environments();
    Map<String, AnalysisTemplate> analysis = t.analysis();
    if (application.startsWith(WEEK_PREFIX)) {
      environments = withProduction(environments, p -> new Environment(p.name(), p.requiredConfig(), p.smokeTests(),
          p.approval(), p.window(), p.freezes(), p.rollout(), new StabilitySpec("7d", "1m", List.of(ERROR_RATE)),
          p.onFailure(), p.decisionTimeout()));
    } else if (application.startsWith(PARK_PREFIX)) {
      environments = withProduction(environments, p -> new Environment(p.name(), p.requiredConfig(), p.smokeTests(),
          p.approval(), p.window(), p.freezes(), List.of(new RolloutStep(100, null, List.of())), null,
          p.onFailure(), p.decisionTimeout()));
    } else if (application.startsWith(CANARY_PREFIX)) {
      AnalysisTemplate e = analysis.get(ERROR_RATE);
      AnalysisTemplate longRun = new AnalysisTemplate(e.prometheus(), e.http(), e.max(), e.min(), e.maxIncrease(),
          "1m", 2000, e.failureLimit(), e.inconclusiveLimit(), e.consecutiveErrorLimit());
      analysis = new LinkedHashMap<>(analysis);
      analysis.put(ERROR_RATE, longRun);
      analysis.put(LATENCY, longRun);
      environments = withProduction(environments, p -> new Environment(p.name(), p.requiredConfig(), p.smokeTests(),
          p.approval(), p.window(), p.freezes(),
          List.of(new RolloutStep(10, null, List.of(ERROR_RATE, LATENCY)), new RolloutStep(100, null, List.of())),
          null, p.onFailure(), p.decisionTimeout()));
    }
    return new Pipeline(application, t.requireRollbackPlan(), t.components(), environments, analysis,
        t.notifications(), t.rollback(), t.hotfix(), t.operators(), t.applications(), t.releaseLog());
  }

  private static List<Environment> withProduction(List<Environment> environments, UnaryOperator<Environment> change) {
    List<Environment> changed = new ArrayList<>(environments);
    changed.set(changed.size() - 1, change.apply(changed.get(changed.size() - 1)));
    return List.copyOf(changed);
  }

  @Override
  public CommandResult runCommand(CommandRequest request) {
    return new CommandResult(0, "ok", 1);
  }

  @Override
  public ArtifactReport verifyArtifacts(ArtifactRequest request) {
    return new ArtifactReport(request.component(), request.artifacts().stream()
        .map(a -> new ArtifactCheck(a.path(), true, 1024, "ab12", null)).toList());
  }

  @Override
  public ConfigCheckResult checkConfig(ConfigCheckRequest request) {
    return new ConfigCheckResult(request.environment(), List.of());
  }

  @Override
  public DeployResult deploy(DeployRequest request) {
    return new DeployResult("deployed");
  }

  @Override
  public VersionResult readCurrentVersion(VersionProbeRequest request) {
    return new VersionResult(PREVIOUS);
  }

  @Override
  public Measurement measure(MeasureRequest request) {
    String application = request.vars() == null ? null : request.vars().get("application");
    double value = application != null && application.startsWith(BREACH_PREFIX) ? 0.5 : 0.001;
    return Measurement.value(request.metric(), value, Instant.now().toString());
  }

  @Override
  public SmokeTestResult runSmokeTest(SmokeTestRequest request) {
    return new SmokeTestResult(request.test().name(), 200, 1);
  }

  void onApprovalAsked(java.util.function.Consumer<String> listener) {
    approvalAsked = listener;
  }

  @Override
  public NotifyResult sendNotification(NotifyRequest request) {
    if ("awaiting_approval".equals(request.event())) {
      approvalAsked.accept(request.application());
      if (request.application().startsWith(SLOW_NOTIFY_PREFIX)) {
        // The approval arrives while the release still waits for this notification: the update
        // is accepted at once and its answer waits until the release has acted (the answer wait).
        sleep(SLOW_NOTIFY_MILLIS);
      }
    }
    return new NotifyResult(request.targets() == null ? 0 : request.targets().size(), List.of());
  }

  @Override
  public String appendReleaseLog(ReleaseLogEntry entry) {
    return "bench/release-log.jsonl";
  }

  @Override
  public String writePostMortem(PostMortem postMortem) {
    return "bench/post-mortems/" + postMortem.application() + ".md";
  }

  @Override
  public PublishResult publishReleaseLog(PublishRequest request) {
    return new PublishResult(request.sinks() == null ? 0 : request.sinks().size(), List.of());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The window decided as the worker decides it (pure); no freeze calendar holds a benchmark release. */
  @Override
  public DeployCheckResult checkDeploy(DeployCheck check) {
    return new DeployCheckResult(DeployWindows.check(Instant.ofEpochMilli(check.atMillis()), check.window(),
        check.freezes() == null ? List.of() : check.freezes()), List.of());
  }
}
