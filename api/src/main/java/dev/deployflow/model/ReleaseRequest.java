package dev.deployflow.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The input of {@code DeploymentWorkflow}: one release of one application. Every field but
 * {@code application} and {@code version} has a default, applied by {@link #withDefaults()};
 * {@link #problems()} applies the input rules of CONTRACT.md ({@link InputRules}).
 *
 * @param committedAt optional ISO-8601 instant of the oldest change in the release (lead time)
 * @param inputProblems what was wrong with the JSON it was read from (an unknown field, a value of
 *     the wrong type), each naming its field; never written, and empty for a request built in code
 *     (see {@link ReleaseRequestJson})
 */
@JsonDeserialize(using = ReleaseRequestJson.class)
public record ReleaseRequest(
    String application,
    String version,
    String pipeline,
    ReleaseKind kind,
    Impact impact,
    String requestedBy,
    List<String> changes,
    String rollbackPlan,
    String committedAt,
    @JsonIgnore List<String> inputProblems) {

  /** The application name rule of CONTRACT.md; it doubles as a safe workflow id and file name. */
  public static final Pattern APPLICATION_NAME = InputRules.NAME;

  public ReleaseRequest {
    inputProblems = inputProblems == null ? List.of() : List.copyOf(inputProblems);
  }

  /** A request as code builds it: nothing was wrong with its JSON. */
  public ReleaseRequest(
      String application, String version, String pipeline, ReleaseKind kind, Impact impact,
      String requestedBy, List<String> changes, String rollbackPlan, String committedAt) {
    this(application, version, pipeline, kind, impact, requestedBy, changes, rollbackPlan, committedAt, List.of());
  }

  /** A request without {@code committedAt}, as most callers make it. */
  public ReleaseRequest(
      String application, String version, String pipeline, ReleaseKind kind, Impact impact,
      String requestedBy, List<String> changes, String rollbackPlan) {
    this(application, version, pipeline, kind, impact, requestedBy, changes, rollbackPlan, null);
  }

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
        blank(rollbackPlan) ? null : rollbackPlan,
        blank(committedAt) ? null : committedAt,
        inputProblems);
  }

  /**
   * The problems with this request, each naming its field; empty when the request is valid.
   * Pure, so both the workflow and the command line use it.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>(inputProblems);
    add(problems, InputRules.name("application", application));
    add(problems, InputRules.version("version", version));
    if (!blank(pipeline)) {
      add(problems, InputRules.name("pipeline", pipeline));
    }
    if (!blank(requestedBy)) {
      add(problems, InputRules.person("requestedBy", requestedBy));
    }
    add(problems, InputRules.changes("changes", changes));
    add(problems, InputRules.text("rollbackPlan", rollbackPlan));
    if (!blank(committedAt)) {
      add(problems, InputRules.instant("committedAt", committedAt));
    }
    return problems;
  }

  private static void add(List<String> problems, String problem) {
    if (problem != null) {
      problems.add(problem);
    }
  }

  /** The workflow id that holds the one-release-per-application lock. */
  public static String workflowIdFor(String application) {
    return "deploy-" + application;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
