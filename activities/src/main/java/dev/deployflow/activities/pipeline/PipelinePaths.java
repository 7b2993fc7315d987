package dev.deployflow.activities.pipeline;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes locations in a pipeline the way its validator does: keys joined by dots, list indexes in
 * brackets, as in {@code environments[1].rollout[0].weight}.
 */
final class PipelinePaths {
  private PipelinePaths() {}

  /** The path of a Jackson error ({@code JsonMappingException.getPath()}). */
  static String of(List<Reference> references) {
    StringBuilder path = new StringBuilder();
    for (Reference reference : references) {
      if (reference.getFieldName() != null) {
        append(path, reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The path of a parser position. */
  static String of(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  private static void append(StringBuilder path, String key) {
    if (path.length() > 0) {
      path.append('.');
    }
    path.append(key);
  }
}
