package dev.deployflow.pipeline;

import dev.deployflow.model.InputRules;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which applications a pipeline serves, and who it names: {@code application: X} serves only X,
 * {@code applications: [a, b]} is shared by a and b (exactly one of the two is given), and
 * {@code operators} and approvers are people named by the rule of {@code by}
 * ({@link InputRules#PERSON_RULE}), since messages are checked against them by exact name.
 */
public final class ApplicationRules {
  private ApplicationRules() {}

  /** The applications the pipeline serves: its {@code applications}, else its {@code application}. */
  public static List<String> served(Pipeline pipeline) {
    if (pipeline.applications() != null && !pipeline.applications().isEmpty()) {
      return pipeline.applications().stream().filter(a -> a != null).toList();
    }
    return pipeline.application() == null ? List.of() : List.of(pipeline.application());
  }

  /**
   * Why the pipeline does not serve the application, naming both, or null when it does.
   *
   * @param pipelineName the name the release asked for ({@code pipeline}, default the application)
   */
  public static String refusal(Pipeline pipeline, String pipelineName, String application) {
    List<String> served = served(pipeline);
    if (served.isEmpty() || served.contains(application)) {
      return null;
    }
    String field = pipeline.applications() != null && !pipeline.applications().isEmpty() ? "applications" : "application";
    return field + ": pipeline '" + pipelineName + "' serves " + String.join(", ", served) + ", not " + application
        + "; a release of " + application + " needs a pipeline that names it in application or applications";
  }

  /** The rules for {@code application}, {@code applications} and {@code operators}. */
  static void check(Pipeline pipeline, ValidationProblems problems) {
    boolean single = pipeline.application() != null;
    boolean shared = pipeline.applications() != null;
    if (single && shared) {
      problems.add("applications", "give application or applications, not both");
    } else if (shared) {
      names("applications", pipeline.applications(), problems);
    } else if (problems.requireText("application", pipeline.application())) {
      String problem = InputRules.name("application", pipeline.application());
      if (problem != null) {
        problems.add("application", problem.substring("application: ".length()));
      }
    }
    List<String> operators = pipeline.operators();
    if (operators != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < operators.size(); i++) {
        person("operators[" + i + "]", operators.get(i), seen, problems);
      }
    }
  }

  /** An approver or operator: named by the rule of {@code by}, listed once. */
  static void person(String path, String name, Set<String> seen, ValidationProblems problems) {
    if (name == null || name.isBlank()) {
      problems.add(path, "must not be blank");
    } else if (!InputRules.PERSON.matcher(name).matches()) {
      problems.add(path, InputRules.quote(name) + " must match " + InputRules.PERSON_RULE
          + " (the rule of by, which is checked against it)");
    } else if (!seen.add(name)) {
      problems.add(path, "'" + name + "' is listed twice; one person counts once");
    }
  }

  private static void names(String path, List<String> names, ValidationProblems problems) {
    if (names.isEmpty()) {
      problems.add(path, "at least one application is required");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String itemPath = path + "[" + i + "]";
      String problem = InputRules.name(itemPath, name);
      if (problem != null) {
        problems.add(itemPath, problem.substring(itemPath.length() + 2));
      } else if (!seen.add(name)) {
        problems.add(itemPath, "'" + name + "' is listed twice");
      }
    }
  }
}
