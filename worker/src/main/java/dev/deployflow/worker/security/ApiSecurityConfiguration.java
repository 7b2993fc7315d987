package dev.deployflow.worker.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security for the worker's HTTP port.
 *
 * <ul>
 *   <li>{@code /api/**} (the REST API) takes bearer tokens through Spring Security's OAuth 2
 *       resource server: the static tokens of {@code deployflow.api.tokens} and, when an issuer
 *       is configured, its JWTs. {@code GET} needs a viewer, everything else an operator; which
 *       messages a person may send to a release is decided by the release. With neither tokens
 *       nor an issuer the API answers 503 and says how to configure it.
 *   <li>{@code POST /api/chat/slack} authenticates by Slack's request signature in its
 *       controller, not by a bearer token.
 *   <li>{@code /actuator/health}, {@code /actuator/info} and {@code /actuator/prometheus} answer
 *       anyone; health shows its details only to an authenticated caller.
 *   <li>{@code GET /v3/api-docs} and the Swagger UI ({@code /swagger-ui.html}) answer anyone.
 * </ul>
 *
 * <p>Nothing uses cookies or sessions, so there is no CSRF to protect against and no session to
 * keep: every request carries its own credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

  /** The chat endpoint, which proves its caller by signature. */
  public static final String CHAT_PATH = "/api/chat/slack";

  /** The OpenAPI description and the Swagger UI, which anyone may read. */
  static final String[] OPENAPI_PATHS = {
    "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
  };

  @Bean
  ApiTokens apiTokens(ApiSecurityProperties properties) {
    ApiTokens tokens = ApiTokens.parse(properties.tokens());
    if (tokens.isEmpty() && !properties.oidc().enabled()) {
      log.warn(
          "The REST API is disabled (every /api/releases request answers 503): no"
              + " DEPLOYFLOW_API_TOKENS and no deployflow.api.oidc.issuer-uri are configured.");
    } else {
      log.info(
          "The REST API accepts {} static token(s){}.",
          tokens.size(),
          properties.oidc().enabled() ? " and JWTs of " + properties.oidc().issuerUri() : "");
    }
    return tokens;
  }

  /**
   * Chooses how a bearer token is checked: a JWT (three dot-separated parts) by the OIDC issuer
   * when one is configured, anything else against the static tokens.
   */
  @Bean
  AuthenticationManagerResolver<HttpServletRequest> apiAuthentication(
      ApiTokens tokens, ApiSecurityProperties properties) {
    AuthenticationManager opaque = new ProviderManager(new OpaqueTokenAuthenticationProvider(tokens));
    if (!properties.oidc().enabled()) {
      return request -> opaque;
    }
    JwtAuthenticationProvider jwtProvider = new JwtAuthenticationProvider(jwtDecoder(properties.oidc()));
    jwtProvider.setJwtAuthenticationConverter(new OidcIdentityConverter(properties.oidc()));
    AuthenticationManager jwt = new ProviderManager(jwtProvider);
    BearerTokenResolver resolver = new DefaultBearerTokenResolver();
    return request -> looksLikeJwt(resolver.resolve(request)) ? jwt : opaque;
  }

  private static boolean looksLikeJwt(String token) {
    return token != null && token.chars().filter(c -> c == '.').count() == 2;
  }

  /**
   * The issuer's decoder, built on first use from its discovery document, so that the worker
   * starts while the issuer is down; it checks signature, {@code iss}, expiry and, when
   * configured, {@code aud}.
   */
  static JwtDecoder jwtDecoder(ApiSecurityProperties.Oidc oidc) {
    String issuer = oidc.issuerUri();
    return new SupplierJwtDecoder(
        () -> {
          NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
          List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
          validators.add(JwtValidators.createDefaultWithIssuer(issuer));
          if (oidc.audience() != null && !oidc.audience().isBlank()) {
            validators.add(
                new JwtClaimValidator<List<String>>(
                    "aud", audience -> audience != null && audience.contains(oidc.audience())));
          }
          decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
          return decoder;
        });
  }

  @Bean
  SecurityFilterChain workerSecurity(
      HttpSecurity http,
      ApiTokens tokens,
      ApiSecurityProperties properties,
      AuthenticationManagerResolver<HttpServletRequest> apiAuthentication,
      JsonMapper json) {
    ProblemResponses problems = new ProblemResponses(json);
    boolean configured = !tokens.isEmpty() || properties.oidc().enabled();
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .authorizeHttpRequests(
            requests -> {
              requests
                  // Error pages render the answer of a request already decided on.
                  .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                  .requestMatchers(HttpMethod.POST, CHAT_PATH).permitAll()
                  .requestMatchers(
                      "/actuator/health", "/actuator/health/**", "/actuator/info",
                      "/actuator/prometheus")
                  .permitAll()
                  // The API description and its Swagger UI hold no release data; the calls the
                  // UI makes carry a token and are judged like any other (see the openapi package).
                  .requestMatchers(HttpMethod.GET, OPENAPI_PATHS)
                  .permitAll();
              if (configured) {
                requests
                    .requestMatchers(HttpMethod.GET, "/api/**").hasRole(ApiRole.VIEWER.roleName())
                    .requestMatchers("/api/**").hasRole(ApiRole.OPERATOR.roleName());
              }
              requests.anyRequest().denyAll();
            });
    if (configured) {
      http.oauth2ResourceServer(
              resource ->
                  resource
                      .authenticationManagerResolver(apiAuthentication)
                      .authenticationEntryPoint(problems.unauthorized())
                      .accessDeniedHandler(problems.forbidden())
                      // The RFC 9728 document Spring Security serves at
                      // /.well-known/oauth-protected-resource, made true for this API: tokens
                      // are not bound to client certificates, and JWTs come from the issuer.
                      .protectedResourceMetadata(
                          metadata ->
                              metadata.protectedResourceMetadataCustomizer(
                                  document -> {
                                    document
                                        .resourceName("deployflow REST API")
                                        .tlsClientCertificateBoundAccessTokens(false);
                                    if (properties.oidc().enabled()) {
                                      document.authorizationServer(properties.oidc().issuerUri());
                                    }
                                  })))
          .exceptionHandling(
              exceptions ->
                  exceptions
                      .authenticationEntryPoint(problems.unauthorized())
                      .accessDeniedHandler(problems.forbidden()));
    } else {
      http.exceptionHandling(
          exceptions -> exceptions.authenticationEntryPoint(problems.notConfigured()));
    }
    return http.build();
  }
}
