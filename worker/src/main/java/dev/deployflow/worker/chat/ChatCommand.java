package dev.deployflow.worker.chat;

import dev.deployflow.model.RollbackLevel;
import java.time.Instant;
import java.util.List;

/**
 * One parsed chat command: a verb and the application it addresses, with its arguments; the
 * freeze calendar's commands ({@code freeze}, {@code unfreeze}, {@code freezes}) address no
 * single release.
 */
public sealed interface ChatCommand {

  /** The application the command addresses, or null for the freeze calendar's commands. */
  default String application() {
    return null;
  }

  /** {@code approve <app> [comment…]}. */
  record Approve(String application, String comment) implements ChatCommand {}

  /** {@code reject <app> [reason…]}. */
  record Reject(String application, String reason) implements ChatCommand {}

  /** {@code rollback <app> [config|code|full] [reason…]}; a null level means the default. */
  record Rollback(String application, RollbackLevel level, String reason) implements ChatCommand {}

  /** {@code pause <app> [reason…]}. */
  record Pause(String application, String reason) implements ChatCommand {}

  /** {@code resume <app>}. */
  record Resume(String application) implements ChatCommand {}

  /** {@code promote <app> [full [all-waves]]}. */
  record Promote(String application, boolean full, boolean allWaves) implements ChatCommand {
    /** A promotion of the current wave only. */
    Promote(String application, boolean full) {
      this(application, full, false);
    }
  }

  /** {@code retry <app>}: at a decision gate, run the failed step again. */
  record Retry(String application) implements ChatCommand {}

  /** {@code skip <app> <reason…>}: at a decision gate, go on past a failed smoke test or analysis. */
  record Skip(String application, String reason) implements ChatCommand {}

  /** {@code status <app>}. */
  record Status(String application) implements ChatCommand {}

  /** {@code breakglass <app> <reason…>}: let a hotfix pass the freezes that hold it now. */
  record BreakGlass(String application, String reason) implements ChatCommand {}

  /**
   * {@code freeze <reason…> [--until <instant|duration>] [--app a,b]}: stop the line.
   *
   * @param until as typed and already checked: an ISO-8601 instant or a duration from now
   *     ({@code 30m}, {@code 2h}, {@code 3d}); null: until unfrozen
   * @param applications the applications it holds; null: every application
   */
  record Freeze(String reason, String until, List<String> applications) implements ChatCommand {

    /** When the freeze ends, as the calendar takes it (an instant), counted from {@code now}. */
    public String untilInstant(Instant now) {
      return until == null ? null : ChatCommandParser.until(until, now).toString();
    }
  }

  /** {@code unfreeze <id>}: lift a freeze. */
  record Unfreeze(String id) implements ChatCommand {}

  /** {@code freezes}: the active freezes. */
  record Freezes() implements ChatCommand {}
}
