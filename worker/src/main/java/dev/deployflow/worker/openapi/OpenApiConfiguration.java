package dev.deployflow.worker.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's API description, served by springdoc at {@code /v3/api-docs} with a Swagger UI
 * at {@code /swagger-ui.html}. Both are public (see the security package): they describe the
 * API and hold no release data, and the UI's "Authorize" button takes a bearer token for the
 * calls it makes, which are checked like any other.
 *
 * <p>The description of auth, bodies and error answers is added by {@link ApiOperations} from
 * the rules of the security configuration and {@code ApiErrorHandler}, for every route, so that
 * a route added to a controller is described without touching this package.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
  /** The name of the bearer-token security scheme (static tokens or OIDC JWTs). */
  public static final String BEARER = "bearerToken";
  /** The name of the chat endpoint's scheme: Slack's request signature. */
  public static final String SLACK_SIGNATURE = "slackSignature";

  @Bean
  OpenAPI deployflowOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("deployflow worker API")
                .version("v1")
                .description(
                    "Start releases, read their status and send operator messages (Temporal"
                        + " updates) as CONTRACT.md describes. Every /api/releases request"
                        + " carries `Authorization: Bearer <token>`: a viewer token may GET, an"
                        + " operator token may also start releases and send messages as its"
                        + " identity. Whether a person may send a message to a release is"
                        + " decided by the release (422 names who may). Errors are RFC 9457"
                        + " problem details."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "A token of DEPLOYFLOW_API_TOKENS (identity:role:secret; role viewer"
                                + " or operator) or a JWT of the configured OIDC issuer."))
                .addSecuritySchemes(
                    SLACK_SIGNATURE,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-Slack-Signature")
                        .description(
                            "Slack's v0 HMAC-SHA256 request signature over X-Slack-Request-Timestamp"
                                + " and the body, with the signing secret"
                                + " DEPLOYFLOW_SLACK_SIGNING_SECRET; each signed request is accepted"
                                + " once, within 5 minutes.")));
  }

  @Bean
  OpenApiCustomizer deployflowOperations() {
    return new ApiOperations();
  }
}
