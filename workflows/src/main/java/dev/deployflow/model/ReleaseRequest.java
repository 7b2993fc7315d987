package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The input of {@code DeploymentWorkflow}: one release of one application. Every field but
 * {@code application} and {@code version} has a default, applied by {@link #withDefaults()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReleaseRequest(
    String application,
    String version,
    String pipeline,
    ReleaseKind kind,
    Impact impact,
    String requestedBy,
    List<String> changes,
    String rollbackPlan) {

  /** The application name rule of CONTRACT.md; it doubles as a safe workflow id and file name. */
  public static final Pattern APPLICATION_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** The same request with every missing optional field set to its documented default. */
  public ReleaseRequest withDefaults() {
    return new ReleaseRequest(
        application,
        version,
        blank(pipeline) ? application : pipeline,
        kind == null ? ReleaseKind.STANDARD : kind,
        impact == null ? Impact.MEDIUM : impact,
        blank(requestedBy) ? "unknown" : requestedBy,
        changes == null ? List.of() : List.copyOf(changes),
        blank(rollbackPlan) ? null : rollbackPlan);
  }

  /**
   * The problems with this request, each naming its field; empty when the request is valid.
   * Pure, so both the workflow and the command line use it.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (blank(application)) {
      problems.add("application: is required");
    } else if (!APPLICATION_NAME.matcher(application).matches()) {
      problems.add(
          "application: '" + application + "' must match [a-z0-9][a-z0-9-]{0,62}");
    }
    if (blank(version)) {
      problems.add("version: is required");
    } else if (version.chars().anyMatch(Character::isWhitespace)) {
      problems.add("version: '" + version + "' must not contain spaces");
    }
    if (pipeline != null && !pipeline.isBlank()
        && !APPLICATION_NAME.matcher(pipeline).matches()) {
      problems.add("pipeline: '" + pipeline + "' must match [a-z0-9][a-z0-9-]{0,62}");
    }
    if (changes != null && changes.stream().anyMatch(c -> c == null)) {
      problems.add("changes: must not contain null entries");
    }
    return problems;
  }

  /** The workflow id that holds the one-release-per-application lock. */
  public static String workflowIdFor(String application) {
    return "deploy-" + application;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
