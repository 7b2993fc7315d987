package dev.deployflow.worker.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the HTTP API reads JSON. CONTRACT.md lets a client leave out optional fields, such as
 * {@code full} of {@code promote}; Jackson 3 refuses a missing primitive by default, so that
 * refusal is turned off here and a missing {@code full} means false, as it does for the Temporal
 * CLI and the SDK's data converter.
 */
@Configuration(proxyBeanMethods = false)
public class ApiJson {

  @Bean
  JsonMapperBuilderCustomizer deployflowJsonCustomizer() {
    return ApiJson::configure;
  }

  /** Applies the API's JSON settings to {@code builder}. */
  public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
    return builder.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }
}
