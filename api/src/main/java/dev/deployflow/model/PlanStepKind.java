package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What one step of a {@link PlanPreview} does. Only the steps that a release shows in its
 * timeline and that people wait for are planned: builds, migrations and probes are part of the
 * deploys they precede. Lower-case in JSON.
 */
public enum PlanStepKind {
  DEPLOY, SMOKE_TEST, APPROVAL, WINDOW, PAUSE, ANALYSIS, STABILITY;

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  @Override
  public String toString() {
    return json();
  }

  @JsonCreator
  public static PlanStepKind fromJson(String value) {
    return JsonEnums.parse(PlanStepKind.class, value);
  }
}
