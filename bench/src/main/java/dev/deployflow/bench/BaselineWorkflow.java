package dev.deployflow.bench;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The benchmark's baseline: the activity calls and timers of one standard release, in the order
 * the release made them, with none of deployflow's logic (no state machine, children, saga,
 * status, search attributes or message rules). Written only for the benchmark.
 */
@WorkflowInterface
public interface BaselineWorkflow {
  String TYPE = "BenchBaseline";

  @WorkflowMethod(name = TYPE)
  void run(String application);

  /** The approval: lets the run past its gate and answers at once. */
  @UpdateMethod
  String approve(String by);
}
