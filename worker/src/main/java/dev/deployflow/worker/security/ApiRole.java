package dev.deployflow.worker.security;

import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller of the REST API may do: a viewer reads, an operator also starts releases and
 * sends every message, always in its own name. Which messages a person may send to which
 * release is the release's own decision.
 */
public enum ApiRole {
  VIEWER,
  OPERATOR;

  /** The Spring Security role name, as used by {@code hasRole}. */
  public String roleName() {
    return name();
  }

  /** The authorities a caller with this role holds: an operator is a viewer too. */
  public List<GrantedAuthority> authorities() {
    return this == OPERATOR
        ? List.of(authority(OPERATOR), authority(VIEWER))
        : List.of(authority(VIEWER));
  }

  /** The role written as {@code viewer} or {@code operator}. */
  public static ApiRole parse(String text) {
    for (ApiRole role : values()) {
      if (role.name().toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a role (viewer, operator)");
  }

  private static GrantedAuthority authority(ApiRole role) {
    return new SimpleGrantedAuthority("ROLE_" + role.name());
  }
}
