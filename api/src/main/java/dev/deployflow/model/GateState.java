package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a gate stands: {@code waiting} for people; {@code approved} or {@code rejected} by them;
 * {@code expired} at its deadline; {@code decided} otherwise (promoted, or closed by a rollback).
 * Lower-case in JSON.
 */
public enum GateState {
  WAITING, APPROVED, REJECTED, EXPIRED, DECIDED;

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
  public static GateState fromJson(String value) {
    return JsonEnums.parse(GateState.class, value);
  }
}
