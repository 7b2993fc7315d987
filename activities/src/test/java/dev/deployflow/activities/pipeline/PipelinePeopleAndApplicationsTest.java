package dev.deployflow.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.PipelineActivities.LoadPipelineRequest;
import dev.deployflow.pipeline.Pipeline;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code operators} and {@code applications} as a pipeline file writes them. */
class PipelinePeopleAndApplicationsTest {
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
  void operatorsAndSharedApplicationsLoad() throws IOException {
    Pipeline p = load(example.replace("application: shop-api\n",
        "applications: [shop-api, shop-admin]\noperators: [dave, erin]\n"));
    assertThat(p.application()).isNull();
    assertThat(p.applications()).containsExactly("shop-api", "shop-admin");
    assertThat(p.operators()).containsExactly("dave", "erin");
  }

  @Test
  void aListUnderApplicationPointsToApplications() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("application: shop-api\n", "application: [shop-api, b]\n"));
    assertThat(failure.getOriginalMessage()).contains("application: expected a text value, found a list (line 2);"
        + " a pipeline several applications share names them in applications: [a, b]");
  }

  @Test
  void aSingleOperatorMustBeAList() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("application: shop-api\n",
        "application: shop-api\noperators: dave\n"));
    assertThat(failure.getOriginalMessage()).contains("operators: expected a list, found text (line 3);"
        + " write a list, e.g. operators: ['dave']");
  }

  @Test
  void operatorsFollowTheRuleOfBy() throws IOException {
    ApplicationFailure failure = loadFailing(example.replace("application: shop-api\n",
        "application: shop-api\noperators: [dave, \"eve <admin>\"]\n"));
    assertThat(failure.getOriginalMessage()).contains("operators[1]: 'eve <admin>' must match"
        + " [A-Za-z0-9][A-Za-z0-9._@-]{0,63} (the rule of by, which is checked against it)");
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
    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    return failure;
  }
}
