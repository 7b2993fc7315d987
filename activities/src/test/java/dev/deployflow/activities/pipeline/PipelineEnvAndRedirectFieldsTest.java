package dev.deployflow.activities.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.PipelineActivities.LoadPipelineRequest;
import dev.deployflow.pipeline.Component;
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

/** A command's {@code env} list and a request's {@code followRedirects}, read from real YAML. */
class PipelineEnvAndRedirectFieldsTest {
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

  private Pipeline load(String yaml) throws IOException {
    Files.writeString(pipelines.resolve("shop-api.yaml"), yaml);
    return loader.loadPipeline(new LoadPipelineRequest("shop-api"));
  }

  private String withFields(String migrateEnv) {
    return example
        .replace("      undo: [\"./ci/migrate.sh\", \"${environment}\", \"down\"]\n",
            "      undo: [\"./ci/migrate.sh\", \"${environment}\", \"down\"]\n      env: " + migrateEnv + "\n")
        .replace("      timeout: 20m\n", "      timeout: 20m\n      env: [BUILD_CACHE_DIR]\n")
        .replace("request: { method: GET, url: \"https://staging.shop.example.com/health\" }",
            "request: { method: GET, url: \"https://staging.shop.example.com/health\", followRedirects: true }")
        .replace("config: { command: [\"firebase\", \"remoteconfig:rollback\", \"--force\"] }",
            "config: { command: [\"firebase\", \"remoteconfig:rollback\", \"--force\"], env: [FIREBASE_TOKEN] }");
  }

  @Test
  void envListsAndFollowRedirectsAreReadAndReachTheCommands() throws IOException {
    Pipeline p = load(withFields("[DATABASE_URL]"));

    Component api = p.components().get(0);
    assertThat(api.build().env()).containsExactly("BUILD_CACHE_DIR");
    assertThat(api.build().asCommand().envNames()).containsExactly("BUILD_CACHE_DIR");
    assertThat(api.migrate().up().envNames()).containsExactly("DATABASE_URL");
    assertThat(api.migrate().down().envNames()).containsExactly("DATABASE_URL");
    assertThat(api.deploy().asCommand().envNames()).isEmpty();
    assertThat(p.rollback().config().envNames()).containsExactly("FIREBASE_TOKEN");
    assertThat(p.environment("staging").smokeTests().get(0).request().followsRedirects()).isTrue();
    assertThat(p.environment("production").smokeTests().get(0).request().followsRedirects()).isFalse();
  }

  @Test
  void anEnvListNamingTheWorkersOwnVariablesIsRefusedWithItsPath() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> load(withFields("[DATABASE_URL, TEMPORAL_API_KEY, \"not a name\"]")));

    assertThat(failure.getType()).isEqualTo("InvalidPipeline");
    assertThat(failure.getDetails().get(List.class)).containsExactly(
        "components[0].migrate.env[1]: TEMPORAL_API_KEY belongs to the worker (DEPLOYFLOW_*, TEMPORAL_*) and is never given to commands",
        "components[0].migrate.env[2]: 'not a name' is not an environment variable name");
  }
}
