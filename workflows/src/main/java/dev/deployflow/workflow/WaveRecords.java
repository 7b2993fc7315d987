package dev.deployflow.workflow;

import dev.deployflow.model.ReleaseStatus.WaveStatus;
import dev.deployflow.model.WaveState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The production waves as {@code status.waves} shows them: each wave's state, kept by the release
 * as it moves; the weight and version come from the environment's record, so that they always say
 * what the last deploy set. Only the workflow thread changes it; queries read it.
 */
final class WaveRecords {
  private final List<String> environments = new ArrayList<>();
  private final List<WaveState> states = new ArrayList<>();

  /** Lists the waves once the plan is known, all pending; a second call changes nothing. */
  void plan(List<String> waves) {
    if (!environments.isEmpty()) {
      return;
    }
    for (String wave : waves) {
      environments.add(wave);
      states.add(WaveState.PENDING);
    }
  }

  /** Sets the state of the wave that rolls out to the environment; other environments are no wave. */
  void set(String environment, WaveState state) {
    int index = environments.indexOf(environment);
    if (index >= 0) {
      states.set(index, state);
    }
  }

  /** The state of the environment's wave, or null when it is no wave. */
  WaveState of(String environment) {
    int index = environments.indexOf(environment);
    return index < 0 ? null : states.get(index);
  }

  /** How many waves the plan has (0 before the plan is known). */
  int count() {
    return environments.size();
  }

  /** The environment's wave number (1 for the first), or 0 when it is no wave. */
  int numberOf(String environment) {
    return environments.indexOf(environment) + 1;
  }

  /** The waves, with the weight the candidate has there (none once rolled back) and what runs there. */
  List<WaveStatus> toStatus(Function<String, ReleaseState.EnvironmentRecord> records) {
    List<WaveStatus> out = new ArrayList<>();
    for (int i = 0; i < environments.size(); i++) {
      ReleaseState.EnvironmentRecord record = records.apply(environments.get(i));
      WaveState state = states.get(i);
      int weight = record == null || state == WaveState.ROLLED_BACK ? 0 : record.weight();
      out.add(new WaveStatus(i + 1, environments.get(i), state, weight, record == null ? null : record.version()));
    }
    return List.copyOf(out);
  }
}
