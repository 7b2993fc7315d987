package dev.deployflow.worker.security;

import dev.deployflow.model.InputRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified JWT of the OIDC issuer into a caller: the identity from the configured claim
 * (by default {@code preferred_username}, else {@code sub}), the role from the role claim. A
 * JWT without a valid identity is refused as an invalid token; one without either role is
 * authenticated but may do nothing (403), because belonging to the issuer is not enough.
 */
final class OidcIdentityConverter implements Converter<Jwt, AbstractAuthenticationToken> {
  private final ApiSecurityProperties.Oidc oidc;

  OidcIdentityConverter(ApiSecurityProperties.Oidc oidc) {
    this.oidc = oidc;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    String identity = identity(jwt);
    if (!Identity.valid(identity)) {
      throw new InvalidBearerTokenException(
          "the token's " + identityClaimDescription() + " claim is missing or is not a valid"
              + " name (" + InputRules.PERSON_RULE + ")");
    }
    return new JwtAuthenticationToken(jwt, authorities(jwt), identity);
  }

  private String identity(Jwt jwt) {
    if (oidc.identityClaim() != null && !oidc.identityClaim().isBlank()) {
      return jwt.getClaimAsString(oidc.identityClaim());
    }
    String preferred = jwt.getClaimAsString("preferred_username");
    return preferred != null && !preferred.isBlank() ? preferred : jwt.getSubject();
  }

  private String identityClaimDescription() {
    return oidc.identityClaim() != null && !oidc.identityClaim().isBlank()
        ? "'" + oidc.identityClaim() + "'"
        : "'preferred_username' (or 'sub')";
  }

  private Collection<GrantedAuthority> authorities(Jwt jwt) {
    List<String> roles = roles(jwt);
    if (roles.contains(oidc.operatorRole())) {
      return ApiRole.OPERATOR.authorities();
    }
    if (roles.contains(oidc.viewerRole())) {
      return ApiRole.VIEWER.authorities();
    }
    return List.of();
  }

  /** The values of the role claim, following a dotted path into nested objects. */
  private List<String> roles(Jwt jwt) {
    Object value = jwt.getClaims();
    for (String part : oidc.roleClaim().split("\\.")) {
      if (!(value instanceof Map<?, ?> map)) {
        return List.of();
      }
      value = map.get(part);
    }
    List<String> roles = new ArrayList<>();
    if (value instanceof String text) {
      // A space-separated string, as OAuth scopes are written.
      roles.addAll(List.of(text.trim().split("\\s+")));
    } else if (value instanceof Collection<?> list) {
      list.forEach(item -> roles.add(String.valueOf(item)));
    }
    return roles;
  }
}
