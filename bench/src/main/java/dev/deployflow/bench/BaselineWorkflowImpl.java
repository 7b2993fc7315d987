package dev.deployflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Workflow;
import java.io.UncheckedIOException;

/** Runs {@link BaselineScript#current} for one application: nothing but the calls and the timers. */
public class BaselineWorkflowImpl implements BaselineWorkflow {
  private static final ObjectMapper JSON = new ObjectMapper();
  private boolean approved;

  @Override
  public void run(String application) {
    for (BaselineScript.Step step : BaselineScript.current.steps()) {
      switch (step.kind()) {
        case ACTIVITY -> Workflow.newUntypedActivityStub(ActivityOptions.newBuilder()
                .setStartToCloseTimeout(step.timeout()).build())
            .execute(step.activityType(), JsonNode.class, input(step, application));
        case LOCAL_ACTIVITY -> Workflow.newUntypedLocalActivityStub(LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(step.timeout()).build())
            .execute(step.activityType(), JsonNode.class, input(step, application));
        case TIMER -> Workflow.sleep(step.timeout());
        case GATE -> Workflow.await(() -> approved);
      }
    }
  }

  private static JsonNode input(BaselineScript.Step step, String application) {
    try {
      return JSON.readTree(step.input().replace(BaselineScript.APP, application));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String approve(String by) {
    approved = true;
    return "approved by " + by;
  }
}
