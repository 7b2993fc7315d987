package dev.deployflow.worker.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * How the HTTP API reads JSON: as strictly as the release reads a message sent over Temporal
 * ({@code MessageDecoder} in the workflows module), so that a body means the same on every channel.
 *
 * <ul>
 *   <li>A client may leave out optional fields, such as {@code full} of {@code promote}, or send
 *       them as null: Jackson 3 refuses a missing primitive by default, so that refusal is off and
 *       a missing {@code full} means false, as it does for the Temporal CLI and the SDK.
 *   <li>A field the body does not have is refused rather than ignored: ignored, a misspelt
 *       {@code levl} would turn a full rollback into a code rollback, and a freeze whose
 *       {@code applications} were sent as {@code apps} would hold every application.
 *   <li>A value of the wrong JSON type is refused rather than converted: Jackson would read
 *       {@code 42} as the string "42", {@code 1} or {@code "true"} as true, {@code 2.5} as 2.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ApiJson {

  @Bean
  JsonMapperBuilderCustomizer deployflowJsonCustomizer() {
    return ApiJson::configure;
  }

  /** Applies the API's JSON settings to {@code builder}. */
  public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .withCoercionConfig(LogicalType.Textual, strings -> strings
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, booleans -> booleans
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, integers -> integers
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Float, decimals -> decimals
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
  }
}
