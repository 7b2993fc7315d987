package dev.deployflow.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.PipelineActivities.LoadPipelineRequest;
import dev.deployflow.pipeline.Pipeline;
import dev.deployflow.pipeline.ReleaseLogSink;
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

/** The pipeline's {@code releaseLog} sinks, read from real YAML and validated with their paths. */
class PipelineReleaseLogSinkTest {
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

  private Pipeline load(String releaseLog) throws IOException {
    Files.writeString(pipelines.resolve("shop-api.yaml"), example + "\nreleaseLog:\n" + releaseLog);
    return loader.loadPipeline(new LoadPipelineRequest("shop-api"));
  }

  @Test
  void sinksAreReadWithTheirHeadersAndRedirectChoice() throws IOException {
    Pipeline p = load("""
          - webhook:
              url: "${env:RELEASE_LOG_URL}"
              headers: { Authorization: "Bearer ${env:RELEASE_LOG_TOKEN}" }
          - webhook: { url: "https://logs.example.com/releases/${application}", followRedirects: true }
        """);

    assertThat(p.releaseLog()).hasSize(2);
    ReleaseLogSink.Webhook first = p.releaseLog().get(0).webhook();
    assertThat(first.url()).isEqualTo("${env:RELEASE_LOG_URL}");
    assertThat(first.headers()).containsEntry("Authorization", "Bearer ${env:RELEASE_LOG_TOKEN}");
    assertThat(first.asCall().effectiveMethod()).isEqualTo("POST");
    assertThat(first.asCall().followsRedirects()).isFalse();
    assertThat(p.releaseLog().get(1).webhook().asCall().followsRedirects()).isTrue();
  }

  @Test
  void aPipelineWithoutSinksHasNone() throws IOException {
    Files.writeString(pipelines.resolve("shop-api.yaml"), example);
    assertThat(loader.loadPipeline(new LoadPipelineRequest("shop-api")).releaseLog()).isNull();
  }

  @Test
  void aBadSinkIsRefusedNamingItsPath() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> load("""
          - webhook: { headers: { "Bad Header": "x" } }
          - webhook: { url: "ftp://logs.example.com/in", headers: { Authorization: "Bearer written-in-the-file" } }
          - {}
        """));

    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    @SuppressWarnings("unchecked")
    List<String> problems = failure.getDetails().get(List.class);
    assertThat(problems).anyMatch(p -> p.startsWith("releaseLog[0].webhook.url: "));
    assertThat(problems).anyMatch(p -> p.startsWith("releaseLog[0].webhook.headers: 'Bad Header'"));
    assertThat(problems).contains("releaseLog[1].webhook.url: must be an http or https URL");
    assertThat(problems).anyMatch(p -> p.startsWith("releaseLog[1].webhook.headers.Authorization: write this header's value as ${env:NAME}"));
    assertThat(problems).anyMatch(p -> p.startsWith("releaseLog[2].webhook: "));
  }
}
