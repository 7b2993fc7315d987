package dev.deployflow.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.PipelineActivities.LoadPipelineRequest;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.RolloutStep;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loads real pipeline files: the CONTRACT.md example, and broken variants of it. */
class PipelineActivitiesImplTest {
  @TempDir Path base;
  private Path pipelines;
  private PipelineActivitiesImpl loader;
  private String example;

  @BeforeEach
  void setUp() throws IOException {
    ActivitySettings settings = ActivitySettings.defaults(base);
    pipelines = settings.pipelinesDir();
    Files.createDirectories(pipelines);
    loader = new PipelineActivitiesImpl(settings);
    try (InputStream in = getClass().getResourceAsStream("/pipelines/shop-api.yaml")) {
      example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void contractExampleLoadsAsWritten() throws IOException {
    Pipeline p = load(example);

    assertThat(p.application()).isEqualTo("shop-api");
    assertThat(p.components()).extracting("name").containsExactly("api", "web");
    assertThat(p.components().get(0).build().timeout()).isEqualTo("20m");
    assertThat(p.components().get(0).build().artifacts().get(0).maxSize()).isEqualTo("300MB");
    assertThat(p.components().get(1).deploy().http().headers())
        .containsEntry("Authorization", "Bearer ${env:DEPLOY_TOKEN}");
    Environment production = p.environment("production");
    assertThat(production.rollout()).extracting(RolloutStep::weight).containsExactly(10, 50, 100);
    assertThat(production.rollout().get(0).pause()).isEqualTo("10m");
    assertThat(production.stability().duration()).isEqualTo("2h");
    assertThat(production.approval().approvers()).containsExactly("bob", "carol");
    assertThat(production.window().zone()).isEqualTo("Europe/Berlin");
    assertThat(p.analysis()).containsOnlyKeys("error-rate", "latency-p99");
    assertThat(p.analysis().get("error-rate").max()).isEqualTo(0.01);
    assertThat(p.analysis().get("error-rate").maxIncrease()).isEqualTo("50%");
    assertThat(p.notifications().get(0).on()).contains("awaiting_approval");
    assertThat(p.hotfix().rollout()).extracting(RolloutStep::weight).containsExactly(100);
  }

  @Test
  void planReleaseValidatesAndPlansSoThatTheWorkflowOnlyReadsTheResult() throws IOException {
    Files.writeString(pipelines.resolve("shop-api.yaml"), example);
    dev.deployflow.model.ReleaseRequest hotfix = new dev.deployflow.model.ReleaseRequest("shop-api", "1.2.1", null,
        dev.deployflow.model.ReleaseKind.HOTFIX, null, "alice", java.util.List.of(), null);
    dev.deployflow.activity.PipelineActivities.PlannedRelease planned =
        loader.planRelease(new dev.deployflow.activity.PipelineActivities.PlanReleaseRequest("shop-api", hotfix));
    assertThat(planned.pipeline().application()).isEqualTo("shop-api");
    assertThat(planned.plan().production().name()).isEqualTo("production");
    // The hotfix track of the example: its own rollout, straight to 100%.
    assertThat(planned.plan().rollout()).extracting(RolloutStep::weight).containsExactly(100);

    Files.writeString(pipelines.resolve("shop-api.yaml"), example.replace("weight: 10", "weight: 0"));
    io.temporal.failure.ApplicationFailure refused = org.assertj.core.api.Assertions.catchThrowableOfType(
        io.temporal.failure.ApplicationFailure.class,
        () -> loader.planRelease(new dev.deployflow.activity.PipelineActivities.PlanReleaseRequest("shop-api", hotfix)));
    assertThat(refused.getType()).isEqualTo("InvalidPipeline");
    assertThat(refused.isNonRetryable()).isTrue();
  }

  @Test
  void unknownKeysAreAllReportedWithTheirPaths() throws IOException {
    String yaml = example
        .replace("    kind: backend\n", "    kind: backend\n    colour: blue\n")
        .replace("      - { weight: 50, pause: 30m,", "      - { weight: 50, wait: 30m,");

    ApplicationFailure failure = loadFailing(yaml);

    assertThat(failure.getOriginalMessage())
        .contains("components[0].colour: unknown key 'colour'")
        .contains("known keys: build, dependsOn, deploy, kind, migrate, name")
        .contains("environments[1].rollout[1].wait: unknown key 'wait'");
  }

  @Test
  void badDurationNamesItsPath() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("weight: 10, pause: 10m", "weight: 10, pause: 10 minutes"));

    assertThat(failure.getOriginalMessage()).contains("environments[1].rollout[0].pause");
  }

  @Test
  void weightsOutOfRangeAreBothReportedInOneFailure() throws IOException {
    String yaml = example
        .replace("{ weight: 10, pause: 10m", "{ weight: 0, pause: 10m")
        .replace("      - { weight: 100 }\n    smokeTests", "      - { weight: 101 }\n    smokeTests");

    ApplicationFailure failure = loadFailing(yaml);

    assertThat(failure.getOriginalMessage())
        .contains("environments[1].rollout[0].weight: must be between 1 and 100, was 0")
        .contains("environments[1].rollout[2].weight: must be between 1 and 100, was 101");
  }

  @Test
  void nonIncreasingWeightsNameTheStep() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("{ weight: 50, pause: 30m", "{ weight: 5, pause: 30m"));

    assertThat(failure.getOriginalMessage()).contains("environments[1].rollout[1].weight");
  }

  @Test
  void unknownAnalysisNameIsReported() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("pause: 30m, analysis: [error-rate]", "pause: 30m, analysis: [eror-rate]"));

    assertThat(failure.getOriginalMessage()).contains("environments[1].rollout[1].analysis[0]").contains("eror-rate");
  }

  @Test
  void missingApproversAreReported() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("approvers: [bob, carol], ", ""));

    assertThat(failure.getOriginalMessage()).contains("environments[1].approval.approvers");
  }

  @Test
  void wronglyTypedValueNamesItsPathAndLine() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("{ weight: 10, pause: 10m", "{ weight: ten, pause: 10m"));

    assertThat(failure.getOriginalMessage())
        .contains("environments[1].rollout[0].weight: 'ten' is not a whole number (line ")
        // The binder already said why the weight is missing; the validator's "is required" would repeat it.
        .doesNotContain("environments[1].rollout[0].weight: is required");
  }

  @Test
  void messageStartsWithTheFileNameAndListsEveryProblem() throws IOException {
    String yaml = example
        .replace("{ weight: 10, pause: 10m", "{ weight: 0, pause: 10m")
        .replace("approvers: [bob, carol], ", "");

    ApplicationFailure failure = loadFailing(yaml);

    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).startsWith("Pipeline shop-api.yaml in " + pipelines.toAbsolutePath());
    assertThat(failure.getOriginalMessage().lines().filter(l -> l.startsWith("- "))).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("  - name: staging\n", "  - name: staging\n   bad: [indent\n"));

    assertThat(failure.getOriginalMessage()).contains("not valid YAML").contains("(line ");
  }

  @Test
  void emptyFileIsInvalid() throws IOException {
    assertThat(loadFailing("\n").getOriginalMessage()).contains("the file is empty");
  }

  @Test
  void missingFileNamesTheFileAndTheDirectory() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> loader.loadPipeline(new LoadPipelineRequest("nope")));

    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("nope.yaml").contains(pipelines.toAbsolutePath().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc/passwd", "/etc/passwd", "Shop", "a/b", "..", "", "x.yaml"})
  void namesThatAreNotPlainPipelineNamesAreRefused(String name) throws IOException {
    Files.writeString(base.resolve("passwd.yaml"), example);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> loader.loadPipeline(new LoadPipelineRequest(name)));

    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("is not allowed");
  }

  private Pipeline load(String yaml) throws IOException {
    Files.writeString(pipelines.resolve("shop-api.yaml"), yaml);
    return loader.loadPipeline(new LoadPipelineRequest("shop-api"));
  }

  private ApplicationFailure loadFailing(String yaml) throws IOException {
    Files.writeString(pipelines.resolve("shop-api.yaml"), yaml);
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> loader.loadPipeline(new LoadPipelineRequest("shop-api")));
    assertThat(failure).as("the pipeline should have been refused").isNotNull();
    System.out.println(failure.getOriginalMessage());
    return failure;
  }
}
