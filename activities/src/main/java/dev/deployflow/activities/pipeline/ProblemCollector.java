package dev.deployflow.activities.pipeline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Collects the binding problems of one pipeline file instead of stopping at the first, so that a
 * person fixing a pipeline sees every unknown key and every wrongly typed value at once. Each
 * problem names its path ({@code environments[1].rollout[0].weight}) and line. Handled problems
 * are replaced by null, which the validator then ignores. One instance serves one file.
 */
final class ProblemCollector extends DeserializationProblemHandler {
  private final List<Problem> problems = new ArrayList<>();

  /** One problem: where (a path, empty for the whole file) and what. */
  record Problem(String path, String message) {
    @Override
    public String toString() {
      return path.isEmpty() ? message : path + ": " + message;
    }
  }

  List<Problem> problems() {
    return problems;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    String known = knownKeys(deserializer);
    add(p, "unknown key '" + propertyName + "'" + (known.isEmpty() ? "" : "; known keys: " + known));
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg) {
    add(ctxt.getParser(), "'" + valueToConvert + "' is not " + describe(targetType));
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number valueToConvert, String failureMsg) {
    add(ctxt.getParser(), valueToConvert + " is not " + describe(targetType));
    return null;
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p, String failureMsg)
      throws IOException {
    addWithHint(p, "expected " + describe(targetType.getRawClass()) + ", found " + describe(t), t);
    p.skipChildren();
    return null;
  }

  /**
   * A hint for the mistakes the pipeline format invites: a list under {@code application} (a
   * shared pipeline says {@code applications}), a single name under {@code operators} or
   * {@code applications} (they are lists).
   */
  private static String hint(JsonParser p, JsonToken t) {
    String path = pathOf(p);
    if (path.equals("application") && t == JsonToken.START_ARRAY) {
      return "; a pipeline several applications share names them in applications: [a, b]";
    }
    if ((path.equals("operators") || path.equals("applications")) && t == JsonToken.VALUE_STRING) {
      return "; write a list, e.g. " + path + ": [" + safe(p) + "]";
    }
    return "";
  }

  private static String safe(JsonParser p) {
    try {
      return dev.deployflow.model.InputRules.quote(p.getText());
    } catch (IOException e) {
      return "name";
    }
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext ctxt,
      Class<?> instClass,
      ValueInstantiator valueInsts,
      JsonParser p,
      String msg)
      throws IOException {
    JsonToken t = p.currentToken();
    addWithHint(p, "expected " + describe(instClass) + ", found " + describe(t), t);
    p.skipChildren();
    return null;
  }

  /** Adds a binding error that could not be handled and stopped the reading. */
  void addFatal(JsonMappingException e) {
    String path = PipelinePaths.of(e.getPath());
    problems.add(new Problem(path, e.getOriginalMessage() + atLine(e.getLocation())));
  }

  void add(String path, String message) {
    problems.add(new Problem(path, message));
  }

  private void add(JsonParser p, String message) {
    problems.add(new Problem(pathOf(p), message + atLine(p.currentLocation())));
  }

  private void addWithHint(JsonParser p, String message, JsonToken t) {
    problems.add(new Problem(pathOf(p), message + atLine(p.currentLocation()) + hint(p, t)));
  }

  /** The dotted path of the value the parser is at. */
  static String pathOf(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    JsonToken token = p.currentToken();
    // On the opening token of an object or array the parser already sits in the child context.
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
      context = context.getParent();
    }
    return PipelinePaths.of(context);
  }

  static String atLine(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
  }

  private static String knownKeys(JsonDeserializer<?> deserializer) {
    if (deserializer == null) {
      return "";
    }
    Collection<Object> names = deserializer.getKnownPropertyNames();
    if (names == null || names.isEmpty()) {
      return "";
    }
    TreeSet<String> sorted = new TreeSet<>();
    names.forEach(n -> sorted.add(String.valueOf(n)));
    return String.join(", ", sorted);
  }

  private static String describe(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping (key: value)";
    }
    return "a " + type.getSimpleName();
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "a mapping";
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true/false";
      case VALUE_NULL -> "nothing (null)";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }
}
