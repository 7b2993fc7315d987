package dev.deployflow.worker.api;

import dev.deployflow.model.InputRules;
import dev.deployflow.model.JsonKinds;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A body that is JSON but does not fit its message, in a person's words and naming the field: a
 * field the message does not have, or a value of the wrong JSON type ("full: must be true or
 * false, not a string"). A 400 like every invalid request; the field is also given on its own.
 */
public class BodyFieldException extends IllegalArgumentException {
  private final String field;

  public BodyFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The body's field that is wrong, as a path such as {@code applications[0]}. */
  public String field() {
    return field;
  }

  /**
   * Jackson's refusal of {@code body} as a refusal naming the field, or null when it is neither an
   * unknown field nor a wrong type (those keep Jackson's own words, see {@link ApiErrorHandler}).
   */
  static BodyFieldException of(MismatchedInputException refusal, JsonNode body) {
    String field = path(refusal);
    if (field.isEmpty()) {
      return null;
    }
    if (refusal instanceof UnrecognizedPropertyException unknown) {
      return new BodyFieldException(field, field + ": is unknown; this body takes " + known(unknown.getKnownPropertyIds()));
    }
    String expected = JsonKinds.expectedFor(refusal.getTargetType());
    if (expected == null) {
      return null;
    }
    JsonNode given = at(body, refusal.getPath());
    return new BodyFieldException(
        field, field + ": must be " + expected + (given == null ? "" : ", not " + kind(given)));
  }

  /** The field's path as the API's refusals name it, e.g. {@code applications[0]}. */
  static String path(JacksonException json) {
    return json.getPath().stream()
        .map(r -> r.getPropertyName() != null ? InputRules.fieldName(r.getPropertyName()) : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  /** The JSON kind of {@code node}, as a refusal says what was sent instead. */
  static String kind(JsonNode node) {
    return JsonKinds.given(node.getNodeType().name(), node.isIntegralNumber());
  }

  private static JsonNode at(JsonNode body, List<JacksonException.Reference> path) {
    JsonNode node = body;
    for (JacksonException.Reference step : path) {
      if (node == null) {
        return null;
      }
      node = step.getPropertyName() != null ? node.get(step.getPropertyName()) : node.get(step.getIndex());
    }
    return node;
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return "no fields";
    }
    return ids.stream().map(Objects::toString).collect(Collectors.toCollection(TreeSet::new)).stream()
        .collect(Collectors.joining(", "));
  }
}
