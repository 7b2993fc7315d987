package dev.deployflow.worker;

import dev.deployflow.api.DeploySearchAttributes;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A workflow that upserts every deployflow search attribute, as the release workflow does: it
 * proves that the attributes the worker registered at start-up are usable on the server.
 */
@WorkflowInterface
public interface SearchAttributeProbe {

  @WorkflowMethod
  void upsert(String application);

  /** The implementation. */
  class Impl implements SearchAttributeProbe {
    @Override
    public void upsert(String application) {
      Workflow.upsertTypedSearchAttributes(
          DeploySearchAttributes.APPLICATION.valueSet(application),
          DeploySearchAttributes.VERSION.valueSet("1.2.0"),
          DeploySearchAttributes.PHASE.valueSet("staging"),
          DeploySearchAttributes.OUTCOME.valueSet("succeeded"),
          DeploySearchAttributes.REQUESTED_BY.valueSet("alice"));
    }
  }
}
