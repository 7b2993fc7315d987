package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of release: a hotfix takes the fast track that the pipeline defines. Lower-case in JSON, accepted case-insensitively. */
public enum ReleaseKind {
  STANDARD, HOTFIX;

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  @JsonCreator
  public static ReleaseKind fromJson(String value) {
    return JsonEnums.parse(ReleaseKind.class, value);
  }
}
