package dev.deployflow.activity;

import dev.deployflow.pipeline.Pipeline;
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
}
