package dev.deployflow.activity;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.plan.ReleasePlan;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads and validates a pipeline file. */
@ActivityInterface
public interface PipelineActivities {

  /**
   * Loads {@code <name>.yaml} from the worker's pipeline directory and validates it. A missing
   * file, a name that escapes the directory, YAML that does not parse and a pipeline that does not
   * validate are non-retryable failures of type {@code InvalidPipeline} whose message names every
   * problem with its path; a read error of the file system is retryable.
   */
  @ActivityMethod
  Pipeline loadPipeline(LoadPipelineRequest request);

  /** Which pipeline to load. */
  record LoadPipelineRequest(String name) {}

  /**
   * Loads and validates the release's pipeline as {@link #loadPipeline} does, and plans the
   * release with {@link ReleasePlan#of}. The release workflow calls only this: validation and
   * planning read time-zone data and rules that change between worker versions, so they run here
   * and their result is recorded in history, where a replay reads it instead of computing it
   * again. A pipeline that cannot be planned is an {@code InvalidPipeline} failure too.
   */
  @ActivityMethod
  PlannedRelease planRelease(PlanReleaseRequest request);

  /** The pipeline to load and the release to plan with it. */
  record PlanReleaseRequest(String pipeline, ReleaseRequest release) {}

  /** The validated pipeline and the plan of the release. */
  record PlannedRelease(Pipeline pipeline, ReleasePlan plan) {}
}
