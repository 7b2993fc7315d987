package dev.deployflow.workflow;

import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.pipeline.Component;
import dev.deployflow.pipeline.Durations;
import io.temporal.workflow.Workflow;

/** Runs a component's migration (when asked) and its deploy, each an activity with a summary. */
public class ComponentRolloutWorkflowImpl implements ComponentRolloutWorkflow {

  @Override
  public Result deploy(Request request) {
    Component component = request.component();
    String where = component.name() + " " + request.version() + " to " + request.environment();
    boolean migrated = false;
    if (request.migrate() && component.migrate() != null) {
      String summary = "migrate " + component.name() + " in " + request.environment();
      Workflow.setCurrentDetails(summary);
      Activities.command(summary, Durations.parseOr(component.migrate().timeout(), Activities.DEFAULT_COMMAND_TIMEOUT))
          .runCommand(new CommandRequest(summary, component.migrate().up(), request.vars(), request.keyPrefix() + "/migrate"));
      migrated = true;
    }
    String summary = "deploy " + where + " at " + request.weight() + "%";
    Workflow.setCurrentDetails(summary);
    DeployResult result =
        Activities.deploy(summary, Durations.parseOr(component.deploy().timeout(), Activities.DEFAULT_COMMAND_TIMEOUT))
            .deploy(new DeployRequest(
                request.application(), component.name(), request.environment(), request.version(),
                request.weight(), component.deploy(), request.vars(), request.keyPrefix() + "/deploy"));
    Workflow.setCurrentDetails("deployed " + where + " at " + request.weight() + "%");
    return new Result(component.name(), request.environment(), request.weight(), migrated,
        result == null ? null : result.detail());
  }
}
