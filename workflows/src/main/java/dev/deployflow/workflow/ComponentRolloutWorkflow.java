package dev.deployflow.workflow;

import dev.deployflow.pipeline.Component;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * Deploys one component of a release to one environment at one weight: its migration first when
 * asked, then the deploy. The parent release starts one per component and step, with the id
 * {@code <parent id>/<environment>/<component>}, and keeps the saga: it registers the
 * compensations before it starts the child.
 */
@WorkflowInterface
public interface ComponentRolloutWorkflow {

  /** The workflow type name in Temporal. */
  String TYPE = "ComponentRolloutWorkflow";

  @WorkflowMethod(name = TYPE)
  Result deploy(Request request);

  /**
   * One component deploy.
   *
   * @param migrate whether to run the component's migration before the deploy (the first deploy
   *     to an environment does; later weights do not)
   * @param vars the release variables for the commands
   * @param keyPrefix the idempotency key prefix of this step; {@code /migrate} and {@code /deploy}
   *     are appended
   */
  record Request(
      String application,
      String version,
      Component component,
      String environment,
      int weight,
      boolean migrate,
      Map<String, String> vars,
      String keyPrefix) {}

  /** What the deploy reported, and whether a migration ran. */
  record Result(String component, String environment, int weight, boolean migrated, String detail) {}
}
