package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How one measurement was judged: {@code successful}, {@code failed} (beyond the limits), {@code
 * inconclusive} (no data or no number) or {@code error} (the source could not be read). Lower-
 * case in JSON.
 */
public enum MeasurementState {
  SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR;

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
  public static MeasurementState fromJson(String value) {
    return JsonEnums.parse(MeasurementState.class, value);
  }
}
