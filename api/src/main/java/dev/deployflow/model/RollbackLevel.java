package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How much a rollback undoes: configuration only, the current environment's code, or everything the release touched. Lower-case in JSON, accepted case-insensitively. */
public enum RollbackLevel {
  CONFIG, CODE, FULL;

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  @JsonCreator
  public static RollbackLevel fromJson(String value) {
    return JsonEnums.parse(RollbackLevel.class, value);
  }
}
