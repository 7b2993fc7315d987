package dev.deployflow.worker.security;

import java.util.regex.Pattern;

/**
 * The rule for the name a person acts under ({@code by}, {@code requestedBy}) from CONTRACT.md's
 * input rules. The worker checks the names it is configured with (tokens, chat users, JWT
 * claims) against it at the edge, so that a misconfigured name fails there and not inside a
 * release.
 */
public final class Identity {

  /** {@code [A-Za-z0-9][A-Za-z0-9._@-]{0,63}}. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private Identity() {}

  /** Whether {@code name} is a valid identity. */
  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
