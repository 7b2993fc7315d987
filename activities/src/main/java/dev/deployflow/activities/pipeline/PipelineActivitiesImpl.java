package dev.deployflow.activities.pipeline;

import dev.deployflow.activity.FailureTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.pipeline.ProblemCollector.Problem;
import dev.deployflow.activity.PipelineActivities;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.PipelineValidator;
import dev.deployflow.plan.ReleasePlan;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads {@code <name>.yaml} from the worker's pipeline directory into a {@link Pipeline} and
 * validates it with {@link PipelineValidator}.
 *
 * <p>Everything a person must fix is one non-retryable {@code InvalidPipeline} failure whose
 * message starts with the file name and lists every problem with its path: a name that is not a
 * plain pipeline name (so {@code ../etc/passwd} never leaves the directory), a missing file, YAML
 * that does not parse, unknown keys, wrongly typed values and whatever the validator finds. The
 * problems are also attached as the failure's details. Only a file-system error while reading an
 * existing file is retryable ({@code PipelineReadError}).
 *
 * <p>Durations and sizes stay strings, so the pipeline recorded in history reads as written.
 */
public final class PipelineActivitiesImpl implements PipelineActivities {
  /** The failure type the workflow refuses to retry. */
  public static final String INVALID_PIPELINE = FailureTypes.INVALID_PIPELINE;

  private static final ObjectReader READER =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // 10.5 is not a weight; silently truncating it would deploy something nobody wrote.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build()
          .readerFor(Pipeline.class);

  private final ActivitySettings settings;

  public PipelineActivitiesImpl(ActivitySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Pipeline loadPipeline(LoadPipelineRequest request) {
    String name = request == null ? null : request.name();
    Path dir = settings.pipelinesDir().toAbsolutePath().normalize();
    if (name == null || !ReleaseRequest.APPLICATION_NAME.matcher(name).matches()) {
      throw invalid(
          "Pipeline name '" + name + "' is not allowed: it must match [a-z0-9][a-z0-9-]{0,62}"
              + " and names a file <name>.yaml in " + dir,
          List.of("name: must match [a-z0-9][a-z0-9-]{0,62}"));
    }
    String fileName = name + ".yaml";
    Path file = dir.resolve(fileName).normalize();
    if (!file.getParent().equals(dir)) {
      // The name pattern already forbids this; kept so that a future looser pattern cannot escape.
      throw invalid("Pipeline name '" + name + "' leaves the pipeline directory " + dir, List.of());
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw invalid(
          "Pipeline file " + fileName + " not found in " + dir
              + " (set DEPLOYFLOW_PIPELINES_DIR to the directory holding it)",
          List.of());
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "could not read pipeline file " + file + ": " + e, FailureTypes.PIPELINE_READ_ERROR, e);
    }
    ProblemCollector collector = new ProblemCollector();
    Pipeline pipeline = bind(text, collector);
    List<String> problems = new ArrayList<>();
    Set<String> pathsWithBindingProblems = new HashSet<>();
    for (Problem problem : collector.problems()) {
      problems.add(problem.toString());
      pathsWithBindingProblems.add(problem.path());
    }
    if (pipeline != null) {
      for (String problem : PipelineValidator.validate(pipeline)) {
        // A value the binder already refused is null now; its "is required" would only repeat it.
        if (!pathsWithBindingProblems.contains(pathOf(problem))) {
          problems.add(problem);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw invalid(summary(fileName, dir, problems), problems);
    }
    return pipeline;
  }

  @Override
  public PlannedRelease planRelease(PlanReleaseRequest request) {
    String name = request == null ? null : request.pipeline();
    Pipeline pipeline = loadPipeline(new LoadPipelineRequest(name));
    // The file is valid on its own; whether it serves this release's application is decided here,
    // once, so that the workflow only reads the recorded answer.
    List<String> admission = PipelineValidator.validate(pipeline, request.release());
    if (!admission.isEmpty()) {
      throw invalid("Pipeline " + name + ".yaml cannot run this release: " + String.join("; ", admission), admission);
    }
    try {
      return new PlannedRelease(pipeline, ReleasePlan.of(pipeline, request.release()));
    } catch (IllegalArgumentException e) {
      throw invalid("Pipeline " + name + ".yaml cannot be planned: " + e.getMessage(), List.of(e.getMessage()));
    }
  }

  /** Reads the YAML; problems go to the collector, and null means nothing usable was read. */
  private static Pipeline bind(String text, ProblemCollector collector) {
    if (text.isBlank()) {
      collector.add("", "the file is empty");
      return null;
    }
    Pipeline pipeline;
    try {
      pipeline = READER.withHandler(collector).readValue(text);
    } catch (JsonProcessingException e) {
      MarkedYAMLException syntax = syntaxError(e);
      if (syntax != null) {
        collector.add("", describe(syntax));
      } else if (e instanceof JsonMappingException mapping) {
        collector.addFatal(mapping);
      } else {
        collector.add("", "not valid YAML: " + e.getOriginalMessage().strip() + ProblemCollector.atLine(e.getLocation()));
      }
      return null;
    }
    if (pipeline == null && collector.problems().isEmpty()) {
      collector.add("", "the file must hold a mapping with application, components and environments");
    }
    return pipeline;
  }

  /** The YAML syntax error behind a Jackson exception (binding wraps it), or null. */
  private static MarkedYAMLException syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked) {
        return marked;
      }
    }
    return null;
  }

  /** SnakeYAML's multi-line message as one sentence with 1-based line and column. */
  private static String describe(MarkedYAMLException e) {
    StringBuilder text = new StringBuilder("not valid YAML: ").append(e.getProblem());
    if (e.getProblemMark() != null) {
      text.append(" (line ").append(e.getProblemMark().getLine() + 1)
          .append(", column ").append(e.getProblemMark().getColumn() + 1).append(')');
    }
    if (e.getContext() != null) {
      text.append(", ").append(e.getContext());
      if (e.getContextMark() != null) {
        text.append(" that starts at line ").append(e.getContextMark().getLine() + 1);
      }
    }
    return text.toString();
  }

  /** The path a validator problem starts with ({@code path: message}). */
  private static String pathOf(String problem) {
    int colon = problem.indexOf(": ");
    return colon < 0 ? problem : problem.substring(0, colon);
  }

  private static ApplicationFailure invalid(String message, List<String> problems) {
    return ApplicationFailure.newNonRetryableFailure(message, INVALID_PIPELINE, problems);
  }

  private static String summary(String fileName, Path dir, List<String> problems) {
    StringBuilder message = new StringBuilder()
        .append("Pipeline ").append(fileName).append(" in ").append(dir).append(" is invalid (")
        .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
    problems.forEach(p -> message.append("\n- ").append(p));
    return message.toString();
  }
}
