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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An environment's {@code onFailure} and {@code decisionTimeout} (guided failure), read from real YAML. */
class PipelineGuidedFailureFieldsTest {
  @TempDir Path base;
  private PipelineActivitiesImpl loader;
  private Path pipelines;
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

  private Pipeline load(String fields) throws IOException {
    Files.writeString(pipelines.resolve("shop-api.yaml"),
        example.replace("  - name: production\n", "  - name: production\n" + fields));
    return loader.loadPipeline(new LoadPipelineRequest("shop-api"));
  }

  @Test
  void onFailureAndDecisionTimeoutAreReadWithTheirDefaults() throws IOException {
    Pipeline p = load("    onFailure: ask\n    decisionTimeout: 15m\n");

    assertThat(p.environment("production").asksOnFailure()).isTrue();
    assertThat(p.environment("production").decisionTimeoutOrDefault()).isEqualTo("15m");
    assertThat(p.environment("staging").onFailure()).isNull();
    assertThat(p.environment("staging").asksOnFailure()).isFalse();
    assertThat(p.environment("staging").decisionTimeoutOrDefault()).isEqualTo("30m");
  }

  @Test
  void aWrongOnFailureAndATimeoutThatIsNoDurationAreRefusedWithTheirPaths() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> load("    onFailure: retry\n    decisionTimeout: soon\n"));

    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.getDetails().get(List.class)).anySatisfy(p -> assertThat(String.valueOf(p))
            .isEqualTo("environments[1].onFailure: must be ask or rollback, was 'retry'"))
        .anySatisfy(p -> assertThat(String.valueOf(p)).startsWith("environments[1].decisionTimeout: "));
  }
}
