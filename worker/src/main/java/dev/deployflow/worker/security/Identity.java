package dev.deployflow.worker.security;

import dev.deployflow.model.InputRules;

/**
 * The rule for the name a person acts under ({@code by}, {@code requestedBy}) from CONTRACT.md's
 * input rules. The worker checks the names it is configured with (tokens, chat users, JWT
 * claims) against it at the edge, so that a misconfigured name fails there and not inside a
 * release. The rule itself is {@link InputRules#PERSON}, the one the release applies.
 */
public final class Identity {

  private Identity() {}

  /** Whether {@code name} is a valid identity. */
  public static boolean valid(String name) {
    return name != null && InputRules.PERSON.matcher(name).matches();
  }
}
