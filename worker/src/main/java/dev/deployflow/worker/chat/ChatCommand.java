package dev.deployflow.worker.chat;

import dev.deployflow.model.RollbackLevel;

/** One parsed chat command: a verb and the application it addresses, with its arguments. */
public sealed interface ChatCommand {

  /** The application the command addresses. */
  String application();

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

  /** {@code promote <app> [full]}. */
  record Promote(String application, boolean full) implements ChatCommand {}

  /** {@code retry <app>}: at a decision gate, run the failed step again. */
  record Retry(String application) implements ChatCommand {}

  /** {@code skip <app> <reason…>}: at a decision gate, go on past a failed smoke test or analysis. */
  record Skip(String application, String reason) implements ChatCommand {}

  /** {@code status <app>}. */
  record Status(String application) implements ChatCommand {}
}
