package dev.deployflow.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a whole pipeline. Every problem names its path, such as
 * {@code environments[1].rollout[0].weight: must be between 1 and 100, was 0}. Pure, so both the
 * loading activity and the workflow use it.
 */
public final class PipelineValidator {
  private PipelineValidator() {}

  /** The problems of the pipeline, empty when it is valid. */
  public static List<String> validate(Pipeline pipeline) {
    // TODO(helper W1a): the full validation; this stub accepts everything.
    return new ArrayList<>();
  }
}
