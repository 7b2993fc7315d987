package dev.deployflow.activity;

import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.VersionProbe;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** Deploys components and reads the versions they run. */
@ActivityInterface
public interface DeployActivities {

  /**
   * Deploys one component version to one environment at a weight, through the pipeline's command
   * or HTTP hook. The idempotency key is passed as {@code DEPLOYFLOW_IDEMPOTENCY_KEY} or as the
   * {@code Idempotency-Key} header. Command failures follow {@link CommandActivities#runCommand};
   * HTTP 5xx, 429 (honouring {@code Retry-After}) and I/O errors are retryable, other 4xx are not
   * (type {@code DeployRefused}).
   */
  @ActivityMethod
  DeployResult deploy(DeployRequest request);

  /**
   * Reads the version a component runs now, for rollback. Returns a null version when the
   * pipeline has no probe or the component is not deployed yet (HTTP 404). Server errors and I/O
   * errors are retryable; a document without the JSON pointer is not (type {@code ProbeFailed}).
   */
  @ActivityMethod
  VersionResult readCurrentVersion(VersionProbeRequest request);

  /** One deploy: what, where, at which weight, and how. */
  record DeployRequest(
      String application,
      String component,
      String environment,
      String version,
      int weight,
      DeploySpec spec,
      Map<String, String> vars,
      String idempotencyKey) {}

  /** What the deploy said (command output tail or HTTP status and body excerpt). */
  record DeployResult(String detail) {}

  /** Where to read a component's current version. */
  record VersionProbeRequest(
      String component, String environment, VersionProbe probe, Map<String, String> vars) {}

  /** The version found, or null when none runs. */
  record VersionResult(String version) {}
}
