package dev.deployflow.worker.config;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports an invalid {@code deployflow.*} or {@code spring.temporal.*} setting by the name a
 * person types ({@code deployflow.http.read-timeout}, not Spring's {@code readTimeout}), with the
 * environment variable that sets it where there is one, the rejected value and the reason.
 */
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
    implements Ordered {

  private static final Map<String, String> VARIABLES =
      EnvironmentAliases.ALIASES.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
    ValidationErrors errors = cause.getValidationErrors();
    String prefix = errors.getName().toString();
    if (!prefix.equals("deployflow") && !prefix.equals("spring.temporal")) {
      return null;
    }
    StringBuilder description = new StringBuilder("Invalid worker setting:\n");
    for (ObjectError error : errors) {
      description.append('\n').append(describe(prefix, error, errors));
    }
    return new FailureAnalysis(
        description.toString(),
        "Correct the setting on the command line (--name=value), in the environment or in"
            + " application.yml, then start the worker again.",
        cause);
  }

  static String describe(String prefix, ObjectError error, ValidationErrors errors) {
    StringBuilder line = new StringBuilder("    ");
    if (error instanceof FieldError field && isCheckMethod(prefix, field, errors)) {
      // An @AssertTrue method such as Mtls.isComplete(): name the group it checks.
      String path = dashed(field.getField());
      int dot = path.lastIndexOf('.');
      line.append(prefix).append(dot < 0 ? "" : "." + path.substring(0, dot));
    } else if (error instanceof FieldError field) {
      String property = prefix + "." + dashed(field.getField());
      line.append(property);
      String variable = VARIABLES.get(property);
      if (variable != null) {
        line.append(" (environment variable ").append(variable).append(')');
      }
      line.append(" = \"").append(field.getRejectedValue()).append('"');
    } else {
      line.append(prefix);
    }
    line.append(": ").append(error.getDefaultMessage());
    if (error instanceof OriginProvider provider) {
      Origin origin = provider.getOrigin();
      if (origin != null) {
        line.append("\n      set by ").append(origin);
      }
    }
    return line.toString();
  }

  private static boolean isCheckMethod(String prefix, FieldError field, ValidationErrors errors) {
    String property = prefix + "." + dashed(field.getField());
    return field.getRejectedValue() instanceof Boolean
        && errors.getBoundProperties().stream()
            .noneMatch(bound -> bound.getName().toString().equals(property));
  }

  private static String dashed(String field) {
    return Arrays.stream(field.split("\\."))
        .map(DataObjectPropertyName::toDashedForm)
        .collect(Collectors.joining("."));
  }

  @Override
  public int getOrder() {
    // Ahead of Spring Boot's own analyzer for the same exception.
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
