package dev.deployflow.model;

/** Asks for a rollback now; a missing {@code level} means {@link RollbackLevel#CODE}. */
public record RollbackMessage(String by, String reason, RollbackLevel level) {

  /** The level to apply, with the documented default. */
  public RollbackLevel effectiveLevel() {
    return level == null ? RollbackLevel.CODE : level;
  }
}
