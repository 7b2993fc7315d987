package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a release is working, waiting on a timer or a person, paused, or finished. Lower-case in JSON, accepted case-insensitively. */
public enum RunState {
  RUNNING, WAITING, PAUSED, DONE;

  @JsonValue
  public String json() {
    return JsonEnums.json(this);
  }

  @JsonCreator
  public static RunState fromJson(String value) {
    return JsonEnums.parse(RunState.class, value);
  }
}
