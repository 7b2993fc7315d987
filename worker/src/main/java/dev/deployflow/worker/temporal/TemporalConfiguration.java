package dev.deployflow.worker.temporal;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.DeployflowActivities;
import dev.deployflow.activities.freeze.DeployCheckActivitiesImpl;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.worker.config.DeployflowProperties;
import dev.deployflow.worker.config.TemporalProperties;
import dev.deployflow.workflow.DeployflowWorkflows;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Temporal beans: connection, client, worker, health, and the release client facade. */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {

  @Bean(destroyMethod = "close")
  TemporalConnection temporalConnection(
      TemporalProperties temporal, DeployflowProperties deployflow, MeterRegistry meterRegistry) {
    return TemporalConnectionFactory.open(
        temporal,
        deployflow.embedded(),
        meterRegistry,
        deployflow.metricsReportInterval());
  }

  @Bean
  WorkflowClient workflowClient(TemporalConnection connection) {
    return WorkflowClient.newInstance(
        connection.stubs(),
        WorkflowClientOptions.newBuilder().setNamespace(connection.namespace()).build());
  }

  @Bean
  WorkerRegistrations workerRegistrations(ActivitySettings settings, WorkflowClient client, DeployflowProperties deployflow) {
    // The freeze check queries the calendar through this worker's own client, hence registered here.
    List<Object> activities = new ArrayList<>(DeployflowActivities.create(settings));
    activities.add(new DeployCheckActivitiesImpl(new ReleaseClient(client, deployflow.taskQueue())));
    return new WorkerRegistrations(DeployflowWorkflows.implementationTypes(), activities);
  }

  @Bean
  TemporalWorkerLifecycle temporalWorker(
      TemporalConnection connection,
      WorkflowClient client,
      DeployflowProperties deployflow,
      WorkerRegistrations registrations) {
    return new TemporalWorkerLifecycle(
        connection,
        client,
        deployflow.taskQueue(),
        registrations,
        deployflow.shutdown().awaitTermination());
  }

  @Bean("temporal")
  TemporalHealthIndicator temporalHealthIndicator(
      TemporalConnection connection, TemporalWorkerLifecycle worker, DeployflowProperties props) {
    return new TemporalHealthIndicator(connection, worker, props.taskQueue());
  }

  @Bean
  ReleaseClient releaseClient(WorkflowClient client, DeployflowProperties deployflow) {
    return new ReleaseClient(client, deployflow.taskQueue());
  }
}
