package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The verdict of one metric's analysis so far: {@code running}, {@code passed} (as CONTRACT.md's
 * status example says), {@code failed}, {@code inconclusive}, {@code error}; {@code cancelled} when
 * a rollback interrupted it, {@code skipped} when a promotion or another metric's verdict ended it
 * first. Lower-case in JSON. Each measurement keeps its own state ({@link MeasurementState}:
 * {@code successful}, …), as in Argo Rollouts.
 */
public enum AnalysisState {
  RUNNING, PASSED, FAILED, INCONCLUSIVE, ERROR, CANCELLED, SKIPPED;

  /** What versions before 2026-12 wrote for {@link #PASSED}; still read, never written. */
  private static final String OLD_PASSED = "successful";

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  /** As in JSON, so that text built from a status reads as the status does. */
  @Override
  public String toString() {
    return json();
  }

  @JsonCreator
  public static AnalysisState fromJson(String value) {
    if (value != null && value.trim().equalsIgnoreCase(OLD_PASSED)) {
      return PASSED;
    }
    return JsonEnums.parse(AnalysisState.class, value);
  }
}
