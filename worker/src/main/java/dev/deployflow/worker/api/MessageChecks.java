package dev.deployflow.worker.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Applies a message's own input rules where the message enters: each operator message record of
 * the model answers {@code problems()} (the input rules of CONTRACT.md, each problem naming its
 * field), the same check the release's update validators make. Calling the record's method
 * keeps the rules in one place; a refusal here is a 400 before Temporal is called.
 *
 * <p>The method is looked up by name rather than through a shared interface so that this layer
 * serves every message the model defines, including ones added later, without a list to keep in
 * step; a record without the method is handed to the release, whose validators decide.
 */
public final class MessageChecks {
  private MessageChecks() {}

  /**
   * Refuses {@code message} when its own rules find problems.
   *
   * @throws IllegalArgumentException listing the problems, each naming its field
   */
  public static void check(Object message) {
    List<?> problems = problems(message);
    if (!problems.isEmpty()) {
      StringBuilder text = new StringBuilder("invalid message: ");
      for (int i = 0; i < problems.size(); i++) {
        text.append(i == 0 ? "" : "; ").append(problems.get(i));
      }
      throw new IllegalArgumentException(text.toString());
    }
  }

  private static List<?> problems(Object message) {
    Method method;
    try {
      method = message.getClass().getMethod("problems");
    } catch (NoSuchMethodException e) {
      return List.of();
    }
    if (!List.class.isAssignableFrom(method.getReturnType())) {
      return List.of();
    }
    try {
      List<?> problems = (List<?>) method.invoke(message);
      return problems == null ? List.of() : problems;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("problems() of " + message.getClass() + " is not public", e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
