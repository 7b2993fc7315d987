package dev.deployflow.api;

import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.ReleaseRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Plans a release without running it: loads and validates the pipeline exactly as a release
 * would, reads the versions that run now (read-only), judges the deploy windows and freezes at
 * this moment, and returns the {@link PlanPreview}. It deploys nothing. Each preview is a short
 * run of its own under {@code plan-<application>-<uuid>} on the releases' task queue, so that it
 * never touches the lock {@code deploy-<application>} of a release in flight.
 */
@WorkflowInterface
public interface ReleasePlanWorkflow {

  /** The workflow type name in Temporal. */
  String TYPE = "ReleasePlanWorkflow";

  /** The prefix of its workflow ids: {@code plan-<application>-<uuid>}. */
  String ID_PREFIX = "plan-";

  /** The input is the release request the release would get; only what a plan needs is read. */
  @WorkflowMethod(name = TYPE)
  PlanPreview plan(ReleaseRequest request);
}
