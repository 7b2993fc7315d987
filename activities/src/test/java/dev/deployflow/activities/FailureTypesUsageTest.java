package dev.deployflow.activities;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activity.FailureTypes;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The activities' side of the failure-type contract: every {@code ApplicationFailure} they create
 * names its type through a constant whose value {@link FailureTypes} declares, a failure created
 * non-retryable has a type declared non-retryable (which the workflow's retry options stop at, see
 * {@code RetryOptionsTest}), and a retryable one a type declared retryable. A literal type string
 * in an activity is refused: it would escape both checks.
 */
class FailureTypesUsageTest {
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern NON_RETRYABLE = Pattern.compile("newNonRetryableFailure(?:WithCause)?\\(");
  private static final Pattern RETRYABLE = Pattern.compile("newFailure(?:WithCause)?\\(");
  private static final Pattern LITERAL_TYPE = Pattern.compile("(?:newNonRetryableFailure|newFailure)(?:WithCause)?\\([^;]*?,\\s*\"[A-Z][A-Za-z]+\"|setType\\(\"");

  @Test
  void everyFailureTypeAnActivityThrowsIsDeclaredWithItsRetryability() throws Exception {
    Set<String> nonRetryable = new LinkedHashSet<>();
    Set<String> retryable = new LinkedHashSet<>();
    List<String> literals = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher literal = LITERAL_TYPE.matcher(source);
        while (literal.find()) {
          literals.add(file.getFileName() + ": " + literal.group());
        }
        collect(NON_RETRYABLE, source, file, nonRetryable);
        collect(RETRYABLE, source, file, retryable);
      }
    }
    assertThat(literals).as("failure types written as literals").isEmpty();
    assertThat(nonRetryable).as("types activities throw as non-retryable").isNotEmpty().isSubsetOf(FailureTypes.NON_RETRYABLE);
    assertThat(retryable).as("types activities throw as retryable").isNotEmpty().isSubsetOf(FailureTypes.RETRYABLE);
  }

  /** Resolves each type argument (a constant such as {@code FAILED} or {@code FailureTypes.X}) to its value. */
  private static void collect(Pattern pattern, String source, Path file, Set<String> into) throws Exception {
    Matcher m = pattern.matcher(source);
    while (m.find()) {
      List<String> arguments = arguments(source, m.end());
      assertThat(arguments).as("arguments of the failure at " + file.getFileName() + ":" + m.start()).hasSizeGreaterThan(1);
      String constant = arguments.get(1).strip();
      if (constant.equals("refusedType")) {
        continue; // HttpFailures passes its caller's type on; the callers are checked themselves.
      }
      into.add(resolve(file, constant));
    }
  }

  /** The top-level arguments of a call whose opening parenthesis ends just before {@code from}. */
  private static List<String> arguments(String source, int from) {
    List<String> arguments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (inString) {
        current.append(c);
        if (c == '\\') {
          current.append(source.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          arguments.add(current.toString());
          return arguments;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        arguments.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    return arguments;
  }

  private static String resolve(Path file, String constant) throws IOException, ReflectiveOperationException {
    String name = constant.contains(".") ? constant.substring(constant.lastIndexOf('.') + 1) : constant;
    if (constant.startsWith("FailureTypes.")) {
      return (String) FailureTypes.class.getField(name).get(null);
    }
    String relative = SOURCES.relativize(file).toString().replace('/', '.').replace('\\', '.');
    Class<?> owner = Class.forName(relative.substring(0, relative.length() - ".java".length()));
    if (constant.contains(".")) {
      String ownerName = constant.substring(0, constant.lastIndexOf('.'));
      owner = Class.forName(owner.getPackageName() + "." + ownerName);
    }
    Field field = owner.getDeclaredField(name);
    assertThat(Modifier.isStatic(field.getModifiers())).as(constant + " in " + file).isTrue();
    field.setAccessible(true);
    return (String) field.get(null);
  }
}
