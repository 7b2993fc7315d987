package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The verdict of one metric's analysis so far: {@code running}, {@code successful}, {@code
 * failed}, {@code inconclusive}, {@code error}; {@code cancelled} when a rollback interrupted it,
 * {@code skipped} when a promotion or another metric's verdict ended it first. Lower-case in
 * JSON.
 */
public enum AnalysisState {
  RUNNING, SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR, CANCELLED, SKIPPED;

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
    return JsonEnums.parse(AnalysisState.class, value);
  }
}
