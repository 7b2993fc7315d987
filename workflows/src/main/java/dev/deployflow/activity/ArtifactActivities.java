package dev.deployflow.activity;

import dev.deployflow.pipeline.ArtifactSpec;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.Map;

/** Checks build artifacts (checkpoint 1: artifact integrity). */
@ActivityInterface
public interface ArtifactActivities {

  /**
   * Checks each artifact: present, within its size limit, and its SHA-256 equal to the one in its
   * {@code .sha256} file. Files are streamed, so multi-GB artifacts take constant memory. A failed
   * check is reported in the result, not thrown: the workflow decides. I/O errors while reading
   * are retryable.
   */
  @ActivityMethod
  ArtifactReport verifyArtifacts(ArtifactRequest request);

  /** The artifacts of one component, with the release variables for their paths. */
  record ArtifactRequest(String component, List<ArtifactSpec> artifacts, Map<String, String> vars) {}

  /** One check per artifact. */
  record ArtifactReport(String component, List<ArtifactCheck> checks) {

    /** Whether every artifact passed. */
    public boolean allPassed() {
      return checks.stream().allMatch(ArtifactCheck::passed);
    }
  }

  /** What was found for one artifact; {@code problem} is null when it passed. */
  record ArtifactCheck(String path, boolean passed, long sizeBytes, String sha256, String problem) {}
}
