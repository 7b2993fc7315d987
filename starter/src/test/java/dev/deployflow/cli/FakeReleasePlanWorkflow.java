package dev.deployflow.cli;

import dev.deployflow.api.ReleasePlanWorkflow;
import dev.deployflow.model.GateKind;
import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.PlanPreview.PlannedAnalysis;
import dev.deployflow.model.PlanPreview.PlannedEnvironment;
import dev.deployflow.model.PlanPreview.PlannedGate;
import dev.deployflow.model.PlanPreview.PlannedHold;
import dev.deployflow.model.PlanPreview.PlannedRolloutStep;
import dev.deployflow.model.PlanPreview.PlannedStep;
import dev.deployflow.model.PlanPreview.VersionChange;
import dev.deployflow.model.PlanStepKind;
import dev.deployflow.model.ReleaseRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * A stand-in for the worker's plan workflow: answers a fixed plan for the requested release, or
 * refuses an application named {@code broken} as a pipeline that does not validate would be.
 */
public class FakeReleasePlanWorkflow implements ReleasePlanWorkflow {
  @Override
  public PlanPreview plan(ReleaseRequest request) {
    if (request.application().startsWith("broken")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "pipeline '" + request.pipeline() + "' could not be loaded: Pipeline file " + request.pipeline()
              + ".yaml not found", "InvalidPipeline");
    }
    String v = request.version();
    return new PlanPreview(request.application(), v, request.pipeline(), request.kind(), "2026-12-01T22:00:00Z",
        List.of("api", "web"),
        List.of(new PlannedEnvironment("staging", false, List.of("health"), null),
            new PlannedEnvironment("production", true, List.of("health"), "10s, error-rate every 2s")),
        List.of(new PlannedGate("production", GateKind.APPROVAL, List.of("bob", "carol"), 1, "10m", false)),
        List.of(new PlannedRolloutStep(10, "3s", List.of(new PlannedAnalysis("error-rate", 0.01, null, null, 2, "1s", 0))),
            new PlannedRolloutStep(100, null, List.of())),
        List.of(new PlannedHold("production", false, "2026-12-02T09:00:00Z", "outside deploy window mon-fri 09:00-17:00 UTC")),
        List.of(new PlannedStep(PlanStepKind.DEPLOY, "staging", "api", 100, "deploy api " + v + " to staging at 100%"),
            new PlannedStep(PlanStepKind.SMOKE_TEST, "staging", null, null, "smoke test health in staging")),
        List.of(new VersionChange("api", "production", "1.1.0", v), new VersionChange("web", "production", null, v)),
        "15s", 15, request.application() + " " + v + ": api, web to staging, production; at least 15s");
  }
}
