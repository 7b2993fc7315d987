package dev.deployflow.worker.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the REST API, under {@code deployflow.api.*}. {@code DEPLOYFLOW_API_TOKENS} is
 * read as an alias of {@code deployflow.api.tokens}.
 *
 * @param tokens comma-separated {@code identity:role:secret} entries; {@code role} is
 *     {@code viewer} or {@code operator}, {@code secret} is the token itself or
 *     {@code sha256:<hex>} of it
 * @param oidc an optional OpenID Connect issuer whose JWTs are accepted as bearer tokens too
 */
@ConfigurationProperties("deployflow.api")
public record ApiSecurityProperties(List<String> tokens, @DefaultValue Oidc oidc) {

  public ApiSecurityProperties {
    tokens = tokens == null ? List.of() : List.copyOf(tokens);
  }

  @Override
  public String toString() {
    // The entries hold secrets: only their number is shown.
    return "ApiSecurityProperties[tokens=" + tokens.size() + " entries, oidc=" + oidc + "]";
  }

  /**
   * An OpenID Connect issuer. Its discovery document and keys are fetched on the first JWT, so
   * the worker starts while the issuer is unreachable.
   *
   * @param issuerUri the issuer ({@code iss}); unset, no JWT is accepted
   * @param identityClaim the claim naming the person; unset, {@code preferred_username} and then
   *     {@code sub}
   * @param roleClaim the claim holding the roles, a string or a list; a dotted path reads a nested
   *     claim, such as Keycloak's {@code realm_access.roles}
   * @param operatorRole the role value that makes a caller an operator
   * @param viewerRole the role value that makes a caller a viewer
   * @param audience when set, a JWT must name it in {@code aud}
   */
  public record Oidc(
      String issuerUri,
      String identityClaim,
      @DefaultValue("roles") String roleClaim,
      @DefaultValue("deployflow-operator") String operatorRole,
      @DefaultValue("deployflow-viewer") String viewerRole,
      String audience) {

    /** Whether an issuer is configured. */
    public boolean enabled() {
      return issuerUri != null && !issuerUri.isBlank();
    }
  }
}
