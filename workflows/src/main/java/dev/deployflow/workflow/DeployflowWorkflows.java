package dev.deployflow.workflow;

import io.temporal.common.converter.DataConverterException;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.List;

/** The workflow implementation classes a deployflow worker registers on its task queue. */
public final class DeployflowWorkflows {
  private DeployflowWorkflows() {}

  /** Every workflow implementation type: the release workflow, its children, the plan preview and the freeze calendar. */
  public static List<Class<?>> implementationTypes() {
    return List.of(
        DeploymentWorkflowImpl.class, StabilityMonitorWorkflowImpl.class,
        RolloutAnalysisWorkflowImpl.class, ReleasePlanWorkflowImpl.class, FreezeCalendarWorkflowImpl.class);
  }

  /**
   * The options to register them with: input that does not even parse (an unknown {@code kind},
   * say) fails the run at once, naming the field, instead of failing its workflow task again and
   * again. Only the input reaches the run's root undecoded: the release catches a result that does
   * not decode at the step it came from and fails or rolls back that step ({@code ReleaseRun}), so
   * an activity worker of another version never ends a release without a rollback. Register with
   * {@code worker.registerWorkflowImplementationTypes(implementationOptions(), types)}.
   */
  public static WorkflowImplementationOptions implementationOptions() {
    return WorkflowImplementationOptions.newBuilder()
        .setFailWorkflowExceptionTypes(DataConverterException.class)
        .build();
  }
}
