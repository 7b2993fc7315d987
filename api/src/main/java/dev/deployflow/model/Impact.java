package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The expected impact of a release, as the requester declares it. Lower-case in JSON, accepted case-insensitively. */
public enum Impact {
  LOW, MEDIUM, HIGH;

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  @JsonCreator
  public static Impact fromJson(String value) {
    return JsonEnums.parse(Impact.class, value);
  }
}
