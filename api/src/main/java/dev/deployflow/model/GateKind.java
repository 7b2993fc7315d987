package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a gate waits for: approvals ({@code approval}), a person's decision after an inconclusive
 * analysis ({@code analysis}), or after a failed step ({@code decision}). Lower-case in JSON.
 */
public enum GateKind {
  APPROVAL, ANALYSIS, DECISION;

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
  public static GateKind fromJson(String value) {
    return JsonEnums.parse(GateKind.class, value);
  }
}
