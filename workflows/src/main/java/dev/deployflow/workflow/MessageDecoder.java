package dev.deployflow.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.deployflow.model.InputRules;
import dev.deployflow.model.JsonKinds;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.converter.RawValue;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns an operator message's raw JSON into its record, or into a refusal a person can act on: the
 * message is not one JSON object, a field is unknown (a typo such as {@code levl} must not turn a
 * full rollback into a code rollback), or a field has the wrong type or value. Pure and
 * deterministic: the same JSON always decodes the same way, in the first execution and in replay.
 */
final class MessageDecoder {
  private static final String ENCODING = "encoding";
  private static final String JSON_ENCODING = "json/plain";
  private static final String NULL_ENCODING = "binary/null";

  /**
   * Temporal's own mapper settings, strict about unknown fields and about JSON types: a missing or
   * null optional field is its default, but a value of the wrong type is refused rather than
   * converted, where Jackson would read {@code 42} as the string "42", {@code 1} or {@code "true"}
   * as true and {@code 2.5} as 2. The REST API reads its bodies the same way (the worker's ApiJson).
   */
  private static final ObjectMapper JSON = strictTypes(JacksonJsonPayloadConverter.newDefaultObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false));

  /** Examples for the refusal of a message that is not a JSON object. */
  private static final Map<String, String> EXAMPLES = Map.ofEntries(
      Map.entry("approve", "{\"by\":\"bob\",\"gate\":\"production\",\"comment\":\"…\"}"),
      Map.entry("reject", "{\"by\":\"bob\",\"reason\":\"…\"}"),
      Map.entry("rollback", "{\"by\":\"bob\",\"reason\":\"…\",\"level\":\"code\"}"),
      Map.entry("pause", "{\"by\":\"bob\",\"reason\":\"…\"}"),
      Map.entry("resume", "{\"by\":\"bob\"}"),
      Map.entry("promote", "{\"by\":\"bob\",\"full\":false}"),
      Map.entry("retry", "{\"by\":\"bob\"}"),
      Map.entry("skip", "{\"by\":\"bob\",\"reason\":\"…\"}"),
      Map.entry("breakGlass", "{\"by\":\"bob\",\"reason\":\"…\"}"),
      Map.entry("freeze", "{\"by\":\"bob\",\"reason\":\"…\",\"until\":\"2026-12-24T18:00:00Z\",\"applications\":[\"shop\"]}"),
      Map.entry("unfreeze", "{\"by\":\"bob\",\"id\":\"freeze-1\"}"));

  private MessageDecoder() {}

  /**
   * {@code mapper} refusing each of Jackson's scalar coercions: a number or boolean where a string
   * is taken; a number or string where a boolean is; a string, decimal or boolean where a whole
   * number is; a string or boolean where a decimal is. A null is no coercion and stays the default.
   */
  private static ObjectMapper strictTypes(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

  /**
   * A decoded message, or why it could not be decoded. Both are null when no message was given,
   * which the message's own rules refuse ("a message is required").
   *
   * @param by the sender as the JSON names it, when it does, for the rejected-messages list
   */
  record Decoded<M>(M message, String problem, String by) {}

  /**
   * Decodes the message as it arrived, its payload untouched by the SDK: JSON ({@code json/plain},
   * what every SDK and the Temporal CLI send for an object), or nothing ({@code binary/null}, or no
   * argument at all). Any other encoding (bytes, protobuf) is refused naming it, where the SDK's own
   * decoding would have dropped the signal with only a log line.
   */
  static <M> Decoded<M> decode(String name, RawValue raw, Class<M> type) {
    if (raw == null) {
      return new Decoded<>(null, null, null);
    }
    Payload payload = raw.getPayload();
    ByteString encodingBytes = payload.getMetadataMap().get(ENCODING);
    String encoding = encodingBytes == null ? "" : encodingBytes.toStringUtf8();
    if (encoding.equals(NULL_ENCODING)) {
      return new Decoded<>(null, null, null);
    }
    if (!encoding.equals(JSON_ENCODING)) {
      return refused(name + " takes one JSON object such as " + EXAMPLES.getOrDefault(name, "{\"by\":\"bob\"}")
          + "; this one came as " + (encoding.isEmpty() ? "a payload without an encoding" : firstLine(encoding)), null);
    }
    JsonNode json;
    try {
      json = JSON.readTree(payload.getData().toByteArray());
    } catch (JsonProcessingException notJson) {
      return refused(name + " is not valid JSON: " + firstLine(notJson.getOriginalMessage()), null);
    } catch (java.io.IOException unreadable) {
      return refused(name + " could not be read: " + firstLine(unreadable.getMessage()), null);
    }
    return decode(name, json, type);
  }

  static <M> Decoded<M> decode(String name, JsonNode json, Class<M> type) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      return new Decoded<>(null, null, null);
    }
    if (!json.isObject()) {
      return refused(name + " takes one JSON object such as " + EXAMPLES.getOrDefault(name, "{\"by\":\"bob\"}")
          + ", not " + kind(json), null);
    }
    JsonNode byNode = json.get("by");
    String by = byNode != null && byNode.isTextual() ? byNode.asText() : null;
    try {
      return new Decoded<>(JSON.treeToValue(json, type), null, by);
    } catch (UnrecognizedPropertyException unknown) {
      String fields = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
          .map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
      return refused("field " + shown(unknown.getPropertyName()) + " is unknown; " + name + " takes "
          + (fields.isEmpty() ? "no other fields" : fields), by);
    } catch (MismatchedInputException wrong) {
      String expected = JsonKinds.expectedFor(wrong.getTargetType());
      JsonNode given = at(json, wrong.getPath());
      return refused(fieldOf(wrong) + (expected == null ? reasonOf(wrong)
          : "must be " + expected + (given == null ? "" : ", not " + kind(given))), by);
    } catch (JsonMappingException wrong) {
      return refused(fieldOf(wrong) + reasonOf(wrong), by);
    } catch (JsonProcessingException | IllegalArgumentException wrong) {
      return refused(name + " could not be read: " + firstLine(wrong.getMessage()), by);
    }
  }

  private static <M> Decoded<M> refused(String problem, String by) {
    return new Decoded<>(null, problem, by);
  }

  /**
   * "field 'level': " from the path Jackson reports, such as {@code applications[1]} inside a list,
   * or nothing when it names no field.
   */
  private static String fieldOf(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    if (path == null || path.isEmpty() || path.get(0).getFieldName() == null) {
      return "";
    }
    StringBuilder field = new StringBuilder(path.get(0).getFieldName());
    for (JsonMappingException.Reference step : path.subList(1, path.size())) {
      field.append(step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]");
    }
    return "field " + shown(field.toString()) + ": ";
  }

  /** The value the path names in the message as sent, or null when the path leaves it. */
  private static JsonNode at(JsonNode json, List<JsonMappingException.Reference> path) {
    JsonNode node = json;
    for (JsonMappingException.Reference step : path == null ? List.<JsonMappingException.Reference>of() : path) {
      if (node == null) {
        return null;
      }
      node = step.getFieldName() != null ? node.get(step.getFieldName()) : node.get(step.getIndex());
    }
    return node;
  }

  /**
   * The cause as a person reads it: an enum's own refusal ("'everything' is not one of config,
   * code, full") when a creator threw one, else Jackson's first line without its class names.
   */
  private static String reasonOf(JsonMappingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException refusal && refusal.getMessage() != null) {
      return firstLine(refusal.getMessage());
    }
    String message = firstLine(e.getOriginalMessage());
    return message.replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").trim();
  }

  private static String kind(JsonNode json) {
    return JsonKinds.given(json.getNodeType().name(), json.isIntegralNumber());
  }

  /** A field name as the refusal echoes it: quoted, bounded and with control characters escaped. */
  private static String shown(String field) {
    return InputRules.quote(field == null ? "" : field);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    // Jackson echoes the value it could not read, which is the sender's text: no control characters.
    StringBuilder clean = new StringBuilder();
    for (int i = 0; i < Math.min(line.length(), 300); i++) {
      char c = line.charAt(i);
      clean.append(InputRules.isControl(c) ? '?' : c);
    }
    return line.length() > 300 ? clean + "…" : clean.toString();
  }
}
