package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The phases a release walks through, in order; rollback when it happens. Lower-case in JSON, accepted case-insensitively. */
public enum Phase {
  PREPARATION, STAGING, APPROVAL, PRODUCTION_ROLLOUT, VERIFICATION, STABILITY, COMPLETION, ROLLBACK;

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  @JsonCreator
  public static Phase fromJson(String value) {
    return JsonEnums.parse(Phase.class, value);
  }
}
