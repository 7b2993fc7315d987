package dev.deployflow.model;

import java.util.List;

/**
 * One active freeze of the freeze calendar ({@code deployflow-freezes}): while it applies, no
 * release of its applications deploys to production (a hotfix passes only with {@code breakGlass}).
 *
 * @param id the calendar's name for it, e.g. {@code freeze-3}; {@code unfreeze} takes it
 * @param by who placed it
 * @param reason why
 * @param since when it was placed (ISO-8601 instant)
 * @param until when it expires on its own (ISO-8601 instant), or null: until unfrozen
 * @param applications the applications it holds; empty: every application
 */
public record Freeze(String id, String by, String reason, String since, String until, List<String> applications) {

  public Freeze {
    applications = applications == null ? List.of() : List.copyOf(applications);
  }

  /** Whether the freeze holds releases of {@code application}. */
  public boolean appliesTo(String application) {
    return applications.isEmpty() || applications.contains(application);
  }

  /** The freeze as a person reads it: {@code freeze-3 (code freeze for the holidays, by carol, until 2026-12-27T00:00:00Z)}. */
  public String describe() {
    return id + " (" + reason + ", by " + by + (until == null ? ", until unfrozen" : ", until " + until) + ")";
  }
}
