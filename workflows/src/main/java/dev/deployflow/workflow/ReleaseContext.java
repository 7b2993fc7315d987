package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.plan.ReleasePlan;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every part of one release shares: the request, its pipeline and plan once loaded, the
 * status, the state machine, the saga and the operator's requests. One per workflow run.
 */
final class ReleaseContext {
  private final ReleaseRequest request;
  private final String workflowId;
  private final String runId;
  private final ReleaseState state;
  private final ReleaseStateMachine machine;
  private final Saga saga;
  private final Operator operator;
  private Pipeline pipeline;
  private ReleasePlan plan;
  private FreezeHold freezes;

  ReleaseContext(
      ReleaseRequest request, String workflowId, String runId, ReleaseState state,
      ReleaseStateMachine machine, Saga saga, Operator operator) {
    this.request = request;
    this.workflowId = workflowId;
    this.runId = runId;
    this.state = state;
    this.machine = machine;
    this.saga = saga;
    this.operator = operator;
  }

  ReleaseRequest request() {
    return request;
  }

  String application() {
    return request.application();
  }

  String version() {
    return request.version();
  }

  String workflowId() {
    return workflowId;
  }

  ReleaseState state() {
    return state;
  }

  ReleaseStateMachine machine() {
    return machine;
  }

  Saga saga() {
    return saga;
  }

  Operator operator() {
    return operator;
  }

  /** The freeze calendar's hold before each production step (stop the line). */
  FreezeHold freezes() {
    return freezes;
  }

  void freezes(FreezeHold hold) {
    this.freezes = hold;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  ReleasePlan plan() {
    return plan;
  }

  void loaded(Pipeline pipeline, ReleasePlan plan) {
    this.pipeline = pipeline;
    this.plan = plan;
  }

  /**
   * The idempotency key of one step: {@code <workflowId>/<runId>/<step>}. It is the same on every
   * retry of the step, and differs between releases even of the same version.
   */
  String key(String step) {
    return workflowId + "/" + runId + "/" + step;
  }

  /** The release variables for substitution in commands, URLs and bodies; unknown values are left out. */
  Map<String, String> vars(String environment, String component, Integer weight, String previousVersion) {
    return vars(version(), environment, component, weight, previousVersion);
  }

  /** As {@link #vars(String, String, Integer, String)}, deploying {@code version} (a rollback deploys the previous one). */
  Map<String, String> vars(String version, String environment, String component, Integer weight, String previousVersion) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("application", application());
    vars.put("version", version);
    if (environment != null) {
      vars.put("environment", environment);
    }
    if (component != null) {
      vars.put("component", component);
    }
    if (weight != null) {
      vars.put("weight", String.valueOf(weight));
    }
    if (previousVersion != null) {
      vars.put("previousVersion", previousVersion);
    }
    return vars;
  }
}
