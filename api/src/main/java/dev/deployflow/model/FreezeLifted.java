package dev.deployflow.model;

/**
 * The calendar's wake-up call to a held release (signal {@code freezeLifted}): the freezes that
 * held it changed. The release only re-checks the calendar, so a wake-up from anyone else costs a
 * check and nothing more.
 *
 * @param reason what changed, e.g. {@code freeze-3 lifted by carol}
 */
public record FreezeLifted(String reason) {}
