package dev.deployflow.worker.temporal;

import dev.deployflow.workflow.DeployflowWorkflows;
import dev.deployflow.api.DeploySearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the Temporal worker with the application context: on start it registers the search
 * attributes, then the workflows and activities, then polls; on stop it stops polling and waits,
 * for a bounded time, for the tasks in progress (activities may still heartbeat meanwhile).
 *
 * <p>Its phase is below the web server's, so at shutdown the HTTP API stops taking requests
 * first, then the worker drains, and only then is the Temporal connection (and an embedded
 * server) closed, as the context destroys its beans.
 */
public class TemporalWorkerLifecycle implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerLifecycle.class);

  /** Starts before and stops after the web server (whose phases are near Integer.MAX_VALUE). */
  public static final int PHASE = 0;

  private final TemporalConnection connection;
  private final WorkflowClient client;
  private final String taskQueue;
  private final WorkerRegistrations registrations;
  private final Duration awaitTermination;
  private volatile WorkerFactory factory;
  private volatile SearchAttributeRegistrar.Outcome searchAttributes;

  public TemporalWorkerLifecycle(
      TemporalConnection connection,
      WorkflowClient client,
      String taskQueue,
      WorkerRegistrations registrations,
      Duration awaitTermination) {
    this.connection = connection;
    this.client = client;
    this.taskQueue = taskQueue;
    this.registrations = registrations;
    this.awaitTermination = awaitTermination;
  }

  /** How long a workflow thread may run without yielding before the SDK calls it a deadlock. */
  public static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(5);

  @Override
  public synchronized void start() {
    if (factory != null) {
      return;
    }
    searchAttributes = registerSearchAttributes();
    WorkerFactory created = WorkerFactory.newInstance(client);
    Worker worker =
        created.newWorker(
            taskQueue,
            WorkerOptions.newBuilder()
                // Lets a long deploy command report progress while the worker drains.
                .setAllowActivityHeartbeatDuringShutdown(true)
                // The SDK sends a heartbeat at most every 0.8 x the heartbeat timeout (12 s for our
                // 15 s); sending one every 3 s lets a rollback reach a running deploy within seconds.
                .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(3))
                // The SDK fails a workflow task whose thread runs 1 s without yielding; on a busy
                // two-core machine a GC pause or a descheduled thread did that to a release's
                // approval task. Such a false alarm costs a retried task; 5 s still catches a
                // workflow that really blocks.
                .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
                .build());
    if (registrations.workflowTypes().isEmpty()) {
      log.warn("No workflow implementation is registered: releases will not progress");
    } else {
      // The options make input that does not even parse fail the run at once, naming the field,
      // instead of failing its first workflow task again and again.
      worker.registerWorkflowImplementationTypes(
          DeployflowWorkflows.implementationOptions(),
          registrations.workflowTypes().toArray(Class<?>[]::new));
    }
    if (registrations.activities().isEmpty()) {
      log.warn("No activity implementation is registered: activities will time out");
    } else {
      worker.registerActivitiesImplementations(registrations.activities().toArray());
    }
    created.start();
    factory = created;
    log.info(
        "Temporal worker polling task queue {} in namespace {} at {}: {}",
        taskQueue,
        connection.namespace(),
        connection.target(),
        registrations.describe());
  }

  @Override
  public synchronized void stop() {
    WorkerFactory running = factory;
    if (running == null) {
      return;
    }
    log.info(
        "Stopping the Temporal worker: no new tasks; waiting up to {}s for tasks in progress",
        awaitTermination.toSeconds());
    running.shutdown();
    running.awaitTermination(awaitTermination.toMillis(), TimeUnit.MILLISECONDS);
    if (running.isTerminated()) {
      log.info("Temporal worker stopped");
    } else {
      log.warn(
          "Tasks still running after {}s; interrupting them (Temporal retries them elsewhere)",
          awaitTermination.toSeconds());
      running.shutdownNow();
      running.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public boolean isRunning() {
    WorkerFactory running = factory;
    return running != null && running.isStarted() && !running.isShutdown();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** The worker factory once started; for health and tests. */
  public WorkerFactory factory() {
    return factory;
  }

  /** What search attribute registration did at start-up; null before start. */
  public SearchAttributeRegistrar.Outcome searchAttributes() {
    return searchAttributes;
  }

  private SearchAttributeRegistrar.Outcome registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(connection.stubs().getOptions()).build());
    try {
      return new SearchAttributeRegistrar(operator, connection.namespace())
          .ensureRegistered(DeploySearchAttributes.ALL);
    } catch (IllegalStateException e) {
      // The first call to the server: an unreachable server shows here, not later.
      if (e.getCause() instanceof StatusRuntimeException status
          && (status.getStatus().getCode() == Status.Code.UNAVAILABLE
              || status.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED)) {
        throw new TemporalUnreachableException(connection.target(), e);
      }
      throw e;
    } finally {
      operator.shutdown();
    }
  }
}
