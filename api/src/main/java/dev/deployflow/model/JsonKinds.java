package dev.deployflow.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Set;

/**
 * What a message's field takes, in JSON's words, for the refusal of a value of the wrong JSON type
 * ("full: must be true or false, not a string"). Every channel reads messages strictly and words
 * such a refusal from this, whichever Jackson it reads with: the release over Temporal, the REST API.
 */
public final class JsonKinds {
  private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, long.class, short.class, byte.class,
      Integer.class, Long.class, Short.class, Byte.class, BigInteger.class);
  private static final Set<Class<?>> NUMBERS = Set.of(float.class, double.class, Float.class, Double.class,
      BigDecimal.class);

  private JsonKinds() {}

  /**
   * "a string", "true or false", "a whole number", "a number" or "an array" for a field of
   * {@code type}; null for any other type, whose reader has refusals of its own (an enum names its
   * values, a record its fields).
   */
  public static String expectedFor(Class<?> type) {
    if (type == null) {
      return null;
    }
    if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (WHOLE_NUMBERS.contains(type)) {
      return "a whole number";
    }
    if (NUMBERS.contains(type)) {
      return "a number";
    }
    return Collection.class.isAssignableFrom(type) || type.isArray() ? "an array" : null;
  }

  /**
   * What was sent instead, in the same words: "a string", "a number", "a decimal number", "a
   * boolean", "an array", "an object" or "null". It takes the name of the node's type, which Jackson
   * 2 and Jackson 3 spell alike ({@code STRING}, {@code NUMBER}, …), so that both readers share it.
   *
   * @param nodeType the name of the JSON node's type, e.g. {@code node.getNodeType().name()}
   * @param integral whether a number is a whole one
   */
  public static String given(String nodeType, boolean integral) {
    return switch (nodeType) {
      case "STRING" -> "a string";
      case "NUMBER" -> integral ? "a number" : "a decimal number";
      case "BOOLEAN" -> "a boolean";
      case "ARRAY" -> "an array";
      case "OBJECT", "POJO" -> "an object";
      case "BINARY" -> "binary data";
      default -> "null";
    };
  }
}
