package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a registered compensation stands: {@code pending} until a rollback runs it, then {@code
 * done}, {@code failed} (every retry failed) or {@code skipped} (nothing to restore, or an
 * earlier compensation of its component failed); {@code not_run} when the release ended without
 * needing it. Lower-case in JSON.
 */
public enum CompensationState {
  PENDING, DONE, FAILED, SKIPPED, NOT_RUN;

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
  public static CompensationState fromJson(String value) {
    return JsonEnums.parse(CompensationState.class, value);
  }
}
