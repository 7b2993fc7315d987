package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a release ended. Lower-case in JSON, accepted case-insensitively. */
public enum Outcome {
  SUCCEEDED, ROLLED_BACK, REJECTED, FAILED, ABORTED;

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  @JsonCreator
  public static Outcome fromJson(String value) {
    return JsonEnums.parse(Outcome.class, value);
  }
}
