package dev.deployflow.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the workflow's input as CONTRACT.md describes it, and never throws for what a person sent:
 * an unknown field (a typo such as {@code requestBy} would otherwise leave the requester
 * {@code unknown} and change who may approve), a value of the wrong JSON type, or an enum word
 * that is not one of its values becomes a problem of the request, naming the field. The release
 * then fails at once, non-retryable, with every problem, before anything runs; Jackson's own
 * failure would only have named Java classes.
 */
final class ReleaseRequestJson extends StdDeserializer<ReleaseRequest> {
  /** The fields of the request, in the order CONTRACT.md lists them. */
  static final List<String> FIELDS = Arrays.stream(ReleaseRequest.class.getRecordComponents())
      .map(java.lang.reflect.RecordComponent::getName)
      .filter(name -> !name.equals("inputProblems"))
      .toList();
  /** How many unknown fields are named; a flood of them is summed up. */
  private static final int UNKNOWN_NAMED = 5;

  ReleaseRequestJson() {
    super(ReleaseRequest.class);
  }

  @Override
  public ReleaseRequest deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode node = context.readTree(parser);
    List<String> problems = new ArrayList<>();
    if (node == null || !node.isObject()) {
      problems.add("the request must be one JSON object such as "
          + "{\"application\":\"shop-api\",\"version\":\"1.2.0\",\"requestedBy\":\"alice\"}");
      return new ReleaseRequest(null, null, null, null, null, null, null, null, null, problems);
    }
    unknownFields(node, problems);
    return new ReleaseRequest(
        text(node, "application", problems),
        text(node, "version", problems),
        text(node, "pipeline", problems),
        word(node, "kind", ReleaseKind::fromJson, problems),
        word(node, "impact", Impact::fromJson, problems),
        text(node, "requestedBy", problems),
        texts(node, "changes", problems),
        text(node, "rollbackPlan", problems),
        text(node, "committedAt", problems),
        problems);
  }

  /* A null JSON value reads as an absent field, as it always did: the default applies. */
  @Override
  public ReleaseRequest getNullValue(DeserializationContext context) {
    return null;
  }

  private static void unknownFields(JsonNode node, List<String> problems) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        unknown.add(name);
      }
    }
    for (String name : unknown.subList(0, Math.min(unknown.size(), UNKNOWN_NAMED))) {
      // Worded as the REST API words an unknown field of any body.
      problems.add(InputRules.fieldName(name) + ": is unknown; the request takes " + String.join(", ", FIELDS));
    }
    if (unknown.size() > UNKNOWN_NAMED) {
      problems.add((unknown.size() - UNKNOWN_NAMED) + " more unknown field(s)");
    }
  }

  private static String text(JsonNode node, String field, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(field + ": must be a string, not " + kind(value));
      return null;
    }
    return value.textValue();
  }

  private static <E> E word(JsonNode node, String field, Function<String, E> parse, List<String> problems) {
    String text = text(node, field, problems);
    try {
      return text == null ? null : parse.apply(text);
    } catch (IllegalArgumentException e) {
      // The enum's own message quotes the value (short and escaped) and lists the allowed words.
      problems.add(field + ": " + e.getMessage());
      return null;
    }
  }

  private static List<String> texts(JsonNode node, String field, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      problems.add(field + ": must be an array of strings, not " + kind(value));
      return null;
    }
    List<String> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode entry = value.get(i);
      if (!entry.isTextual()) {
        problems.add(field + "[" + i + "]: must be a string, not " + kind(entry));
        return null;
      }
      out.add(entry.textValue());
    }
    return out;
  }

  private static String kind(JsonNode value) {
    return JsonKinds.given(value.getNodeType().name(), value.isIntegralNumber());
  }
}
