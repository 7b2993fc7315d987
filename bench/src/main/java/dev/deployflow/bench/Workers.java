package dev.deployflow.bench;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.pipeline.PipelineActivitiesImpl;
import dev.deployflow.activity.PipelineActivities.LoadPipelineRequest;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.workflow.DeployflowWorkflows;
import dev.deployflow.worker.temporal.TemporalWorkerLifecycle;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Registers the real release workflows (and the baseline) with the instant activities. */
final class Workers {
  private Workers() {}

  /**
   * The bench pipeline, read and validated by the project's own loader from a copy of
   * {@code bench-pipeline.yaml} in a temporary pipeline directory.
   */
  static Pipeline benchPipeline(Path workDir) {
    try (InputStream in = Workers.class.getResourceAsStream("/bench-pipeline.yaml")) {
      Path dir = workDir.resolve("pipelines");
      Files.createDirectories(dir);
      Files.write(dir.resolve("bench.yaml"), in.readAllBytes());
      return new PipelineActivitiesImpl(ActivitySettings.defaults(workDir)).loadPipeline(new LoadPipelineRequest("bench"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A worker as the deployflow worker makes it (TemporalWorkerLifecycle: a heartbeat at most every
   * 3 s, a 5 s deadlock detection, otherwise the SDK's defaults), with every deployflow workflow and
   * the baseline on it.
   */
  static Worker register(BenchServer.Session session, String taskQueue, InstantActivities activities) {
    Worker worker = session.factory().newWorker(taskQueue, WorkerOptions.newBuilder()
        .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(3))
        .setDefaultDeadlockDetectionTimeout(TemporalWorkerLifecycle.DEADLOCK_DETECTION.toMillis())
        .build());
    worker.registerWorkflowImplementationTypes(DeployflowWorkflows.implementationOptions(),
        DeployflowWorkflows.implementationTypes().toArray(new Class<?>[0]));
    worker.registerWorkflowImplementationTypes(BaselineWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    return worker;
  }
}
