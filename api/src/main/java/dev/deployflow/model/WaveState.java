package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How one production wave stands ({@code status.waves}): {@code pending} until the release reaches
 * it (and again when a rollback closed its gate before anything was deployed there); {@code awaiting_approval} while its own gate waits; {@code rolling_out}, {@code verifying}
 * (its smoke tests) and {@code stabilizing} (its stability window) while the release works in it;
 * {@code done} once it passed all of them; {@code failed} when a step in it failed; {@code rejected}
 * when its gate was rejected or expired; {@code rolled_back} once a rollback restored it. Lower-case
 * in JSON.
 */
public enum WaveState {
  PENDING, AWAITING_APPROVAL, ROLLING_OUT, VERIFYING, STABILIZING, DONE, FAILED, REJECTED, ROLLED_BACK;

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
  public static WaveState fromJson(String value) {
    return JsonEnums.parse(WaveState.class, value);
  }
}
