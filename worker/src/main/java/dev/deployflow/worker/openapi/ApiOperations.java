package dev.deployflow.worker.openapi;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.worker.security.ApiSecurityConfiguration;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Describes every operation's auth, body and error answers, as the security configuration and
 * {@code ApiErrorHandler} produce them:
 *
 * <ul>
 *   <li>{@code POST /api/chat/slack} is authenticated by Slack's signature, not a bearer token.
 *   <li>Every other {@code GET} needs a viewer (or operator) token, every other method an
 *       operator token; {@code x-deployflow-role} names the least role.
 *   <li>A start takes a {@link ReleaseRequest}; {@code POST /api/releases/{application}/<name>}
 *       takes the model's {@code <Name>Message}, the argument of the update of that name.
 * </ul>
 *
 * <p>Which answers each route can give follows from where it is checked: 401/403/503 by the
 * security filter chain, 413 by the body-size filter, 400 by input checks, 404/409/422 by the
 * release client's refusals.
 */
final class ApiOperations implements OpenApiCustomizer {
  static final String ROLE_EXTENSION = "x-deployflow-role";
  private static final String PROBLEM = "Problem";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String MODEL_PACKAGE = "dev.deployflow.model.";

  @Override
  public void customise(OpenAPI openApi) {
    Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
    openApi.setComponents(components);
    components.addSchemas(PROBLEM, problemSchema());
    if (openApi.getPaths() == null) {
      return;
    }
    openApi.getPaths().forEach((path, item) ->
        item.readOperationsMap().forEach((method, operation) ->
            describe(path, method, operation, components)));
    // The controllers read bodies as JSON trees; their schemas were replaced by the messages' own
    // above, so the trees' generated schemas describe nothing anyone sends.
    if (components.getSchemas() != null) {
      components.getSchemas().keySet().removeIf(name -> name.equals("ObjectNode") || name.equals("JsonNode"));
    }
  }

  private static void describe(String path, PathItem.HttpMethod method, Operation operation, Components components) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    if (method == PathItem.HttpMethod.POST && path.equals(ApiSecurityConfiguration.CHAT_PATH)) {
      operation.setSecurity(List.of(new SecurityRequirement().addList(OpenApiConfiguration.SLACK_SIGNATURE)));
      operation.setDescription(
          "A Slack slash command (`/deploy approve demo-shop`), form-encoded as Slack sends it. The"
              + " speaker is the identity DEPLOYFLOW_CHAT_USERS maps their Slack user_id to; an"
              + " unmapped user gets a 200 ephemeral refusal, because Slack shows only a 200's body.");
      error(responses, "401", "Signature missing, wrong, outside the 5-minute window, or a replay.");
      error(responses, "403", "The team_id is not DEPLOYFLOW_SLACK_TEAM_ID.");
      error(responses, "413", "The body is larger than 64 KiB.");
      error(responses, "503", "No signing secret is configured.");
      return;
    }
    boolean reads = method == PathItem.HttpMethod.GET;
    operation.setSecurity(List.of(new SecurityRequirement().addList(OpenApiConfiguration.BEARER)));
    operation.addExtension(ROLE_EXTENSION, reads ? "viewer" : "operator");
    String role = reads ? "Needs a viewer or operator token." : "Needs an operator token; a viewer token gets 403.";
    operation.setDescription(operation.getDescription() == null ? role : operation.getDescription() + "\n\n" + role);
    error(responses, "400", "A value breaks CONTRACT.md's input rules; `detail` names the field.");
    error(responses, "401", "No bearer token, or one that is not valid (WWW-Authenticate: Bearer).");
    error(responses, "403", reads
        ? "The token grants no access to this route."
        : "A viewer token, or a body whose `by`/`requestedBy` names someone other than the token's identity.");
    error(responses, "503", "No API tokens and no OIDC issuer are configured, or Temporal did not answer.");
    if (!reads) {
      error(responses, "413", "The body is larger than 64 KiB.");
    }
    String[] segments = path.split("/");
    if (!reads && path.equals("/api/releases")) {
      body(operation, ReleaseRequest.class, components, "The release to start (CONTRACT.md's workflow input).");
      moveSuccess(responses, "202", "Started: the workflow id, run id and where to read the status.");
      error(responses, "409", "A release of this application is in flight; `detail` names its version and phase.");
    } else if (path.contains("{application}")) {
      error(responses, "404", "The application has no release.");
      if (!reads && segments.length == 5) {
        Class<?> message = messageClass(segments[4]);
        if (message != null) {
          body(operation, message, components,
              "The argument of the `" + segments[4] + "` update; `by` defaults to the token's identity.");
        }
        error(responses, "422", "The release refused the message (its validator), e.g. not one of the gate's approvers.");
      }
    }
  }

  /** The model's {@code <Name>Message} record for an update name, or null when there is none. */
  static Class<?> messageClass(String update) {
    if (update.isEmpty() || !update.chars().allMatch(Character::isLetter)) {
      return null;
    }
    String name = update.substring(0, 1).toUpperCase(Locale.ROOT) + update.substring(1) + "Message";
    try {
      return Class.forName(MODEL_PACKAGE + name);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static void body(Operation operation, Class<?> type, Components components, String description) {
    Map<String, Schema> schemas = ModelConverters.getInstance().read(type);
    schemas.forEach(components::addSchemas);
    Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + type.getSimpleName());
    operation.setRequestBody(new RequestBody()
        .required(true)
        .description(description)
        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
            new MediaType().schema(ref))));
  }

  /** Springdoc calls every success 200; a start answers 202. */
  private static void moveSuccess(ApiResponses responses, String code, String description) {
    ApiResponse ok = responses.remove("200");
    if (ok == null) {
      ok = new ApiResponse();
    }
    responses.addApiResponse(code, ok.description(description));
  }

  private static void error(ApiResponses responses, String code, String description) {
    responses.addApiResponse(code, new ApiResponse()
        .description(description)
        .content(new Content().addMediaType(PROBLEM_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema<?> problemSchema() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("type", new Schema<>().type("string").description("about:blank"));
    properties.put("title", new Schema<>().type("string").description("e.g. Message refused"));
    properties.put("status", new Schema<>().type("integer").description("the HTTP status"));
    properties.put("detail", new Schema<>().type("string").description("what a person reads: the field and the reason"));
    properties.put("instance", new Schema<>().type("string"));
    return new Schema<>()
        .type("object")
        .description("An RFC 9457 problem detail; some carry `field` or `refusedMessage` besides.")
        .properties(properties);
  }
}
