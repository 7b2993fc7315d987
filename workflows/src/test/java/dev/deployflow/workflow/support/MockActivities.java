package dev.deployflow.workflow.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.deployflow.activity.ArtifactActivities;
import dev.deployflow.activity.ArtifactActivities.ArtifactCheck;
import dev.deployflow.activity.ArtifactActivities.ArtifactReport;
import dev.deployflow.activity.ArtifactActivities.ArtifactRequest;
import dev.deployflow.activity.CommandActivities;
import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.activity.ConfigActivities;
import dev.deployflow.activity.ConfigActivities.ConfigCheckRequest;
import dev.deployflow.activity.ConfigActivities.ConfigCheckResult;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.activity.DeployActivities.VersionResult;
import dev.deployflow.activity.MetricActivities;
import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.activity.NotificationActivities;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.NotificationActivities.NotifyResult;
import dev.deployflow.activity.PipelineActivities;
import dev.deployflow.activity.PipelineActivities.PlanReleaseRequest;
import dev.deployflow.activity.PipelineActivities.PlannedRelease;
import dev.deployflow.activity.ReleaseLogActivities;
import dev.deployflow.activity.SmokeTestActivities;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestRequest;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestResult;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.pipeline.Pipeline;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mockito.stubbing.Answer;

/**
 * Mockito mocks of every activity interface, answering as a healthy release would: the pipeline
 * loads, commands exit 0, artifacts and configuration pass, every component runs
 * {@value #PREVIOUS} before the release, metrics read {@value #HEALTHY}, smoke tests pass and
 * notifications are delivered. Tests change single answers with {@code when(...)}.
 *
 * <p>Mocks are made {@code withoutAnnotations()} so that Temporal sees the activity annotations
 * of the interfaces only.
 */
public final class MockActivities {
  public static final String PREVIOUS = "1.1.0";
  public static final double HEALTHY = 0.001;

  public final PipelineActivities pipeline = mock(PipelineActivities.class, withSettings().withoutAnnotations());
  public final CommandActivities commands = mock(CommandActivities.class, withSettings().withoutAnnotations());
  public final ArtifactActivities artifacts = mock(ArtifactActivities.class, withSettings().withoutAnnotations());
  public final ConfigActivities config = mock(ConfigActivities.class, withSettings().withoutAnnotations());
  public final DeployActivities deploy = mock(DeployActivities.class, withSettings().withoutAnnotations());
  public final MetricActivities metrics = mock(MetricActivities.class, withSettings().withoutAnnotations());
  public final SmokeTestActivities smokeTests = mock(SmokeTestActivities.class, withSettings().withoutAnnotations());
  public final NotificationActivities notifications = mock(NotificationActivities.class, withSettings().withoutAnnotations());
  public final ReleaseLogActivities releaseLog = mock(ReleaseLogActivities.class, withSettings().withoutAnnotations());

  private final CountDownLatch released = new CountDownLatch(1);

  public MockActivities(Pipeline pipelineToLoad) {
    lenient().when(pipeline.loadPipeline(any())).thenReturn(pipelineToLoad);
    // As the real activity: validate, then plan; a refused pipeline is a non-retryable InvalidPipeline.
    lenient().when(pipeline.planRelease(any())).thenAnswer(inv -> {
      PlanReleaseRequest request = inv.getArgument(0);
      if (request == null) {
        return null;
      }
      java.util.List<String> problems = dev.deployflow.pipeline.PipelineValidator.validate(pipelineToLoad);
      if (!problems.isEmpty()) {
        throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
            "Pipeline " + request.pipeline() + ".yaml is invalid: " + String.join("; ", problems), "InvalidPipeline");
      }
      java.util.List<String> admission = dev.deployflow.pipeline.PipelineValidator.validate(pipelineToLoad, request.release());
      if (!admission.isEmpty()) {
        throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("Pipeline " + request.pipeline()
            + ".yaml cannot run this release: " + String.join("; ", admission), "InvalidPipeline");
      }
      return new PlannedRelease(pipelineToLoad, dev.deployflow.plan.ReleasePlan.of(pipelineToLoad, request.release()));
    });
    lenient().when(commands.runCommand(any())).thenReturn(new CommandResult(0, "ok", 5));
    // Answers tolerate a null argument: Mockito calls them so while a test re-stubs with when(...).
    lenient().when(artifacts.verifyArtifacts(any())).thenAnswer(inv -> {
      ArtifactRequest request = inv.getArgument(0);
      return request == null ? null : new ArtifactReport(request.component(), request.artifacts().stream()
          .map(a -> new ArtifactCheck(a.path(), true, 1024, "ab12", null)).toList());
    });
    lenient().when(config.checkConfig(any())).thenAnswer(inv -> {
      ConfigCheckRequest request = inv.getArgument(0);
      return request == null ? null : new ConfigCheckResult(request.environment(), java.util.List.of());
    });
    lenient().when(deploy.deploy(any())).thenReturn(new DeployResult("deployed"));
    lenient().when(deploy.readCurrentVersion(any())).thenReturn(new VersionResult(PREVIOUS));
    lenient().when(metrics.measure(any())).thenAnswer(healthy());
    lenient().when(smokeTests.runSmokeTest(any())).thenAnswer(inv -> {
      SmokeTestRequest request = inv.getArgument(0);
      return request == null ? null : new SmokeTestResult(request.test().name(), 200, 12);
    });
    lenient().when(notifications.sendNotification(any())).thenAnswer(inv -> {
      NotifyRequest request = inv.getArgument(0);
      return request == null ? null : new NotifyResult(request.targets().size(), java.util.List.of());
    });
    lenient().when(releaseLog.appendReleaseLog(any())).thenReturn("var/release-log.jsonl");
    lenient().when(releaseLog.writePostMortem(any())).thenReturn("var/post-mortems/shop.md");
  }

  /** Registers every mock on the worker. */
  public void register(Worker worker) {
    worker.registerActivitiesImplementations(
        pipeline, commands, artifacts, config, deploy, metrics, smokeTests, notifications, releaseLog);
  }

  /** A measurement answer: the value for every metric. */
  public static Answer<Measurement> value(double value) {
    return inv -> Measurement.value(metric(inv.getArgument(0)), value, Instant.EPOCH.toString());
  }

  private static String metric(MeasureRequest request) {
    return request == null ? "unknown" : request.metric();
  }

  public static Answer<Measurement> healthy() {
    return value(HEALTHY);
  }

  public static Answer<Measurement> noData() {
    return inv -> Measurement.noData(metric(inv.getArgument(0)), "empty result", Instant.EPOCH.toString());
  }

  public static Answer<Measurement> unreadable() {
    return inv -> Measurement.error(metric(inv.getArgument(0)), "connection refused", Instant.EPOCH.toString());
  }

  /**
   * An answer that holds the activity until the test ends (or 20 s pass), then returns
   * {@code value}: the release is "in" that activity while the test sends messages. Like a real
   * command it heartbeats while it waits and, told of a cancellation at a heartbeat (a rollback),
   * stops and reports it; the release waits for that report before it compensates.
   */
  public <T> Answer<T> blocking(T value) {
    return inv -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!released.await(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
        io.temporal.activity.Activity.getExecutionContext().heartbeat(null);
      }
      return value;
    };
  }

  /** Lets blocked activities finish; called when the test ends. */
  public void releaseBlocked() {
    released.countDown();
  }
}
