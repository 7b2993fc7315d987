package dev.deployflow.workflow;

import java.util.List;

/** The workflow implementation classes a deployflow worker registers on its task queue. */
public final class DeployflowWorkflows {
  private DeployflowWorkflows() {}

  /** Every workflow implementation type: the release workflow and its children. */
  public static List<Class<?>> implementationTypes() {
    return List.of(
        DeploymentWorkflowImpl.class, ComponentRolloutWorkflowImpl.class, StabilityMonitorWorkflowImpl.class);
  }
}
