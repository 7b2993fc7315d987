package dev.deployflow.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.pipeline.VersionProbe;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code readCurrentVersion} against a real local HTTP server and real commands. */
class VersionProbeTest {
  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private DeployActivitiesImpl deploys;

  @BeforeEach
  void start() throws Exception {
    server.start();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("STATUS_TOKEN", "status-tok-4242");
    ActivitySettings settings = new ActivitySettings(dir, dir, dir.resolve("l"), dir.resolve("m"), env, null, null, 0);
    deploys = new DeployActivitiesImpl(settings, HttpClients.create(settings));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private VersionProbeRequest http(String pointer) {
    return new VersionProbeRequest("api", "production", new VersionProbe(
        new VersionProbe.Http(server.url("/") + "${environment}/${component}/version", pointer,
            Map.of("Authorization", "Bearer ${env:STATUS_TOKEN}")), null), Map.of());
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void readsTheVersionAtThePointer() throws Exception {
    server.enqueue(json(200, "{\"build\":{\"version\":\"1.1.0\",\"sha\":\"abc\"}}"));

    assertThat(deploys.readCurrentVersion(http("/build/version")).version()).isEqualTo("1.1.0");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/production/api/version");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer status-tok-4242");
  }

  @Test
  void aNumberIsReadAsText() {
    server.enqueue(json(200, "{\"version\":42}"));

    assertThat(deploys.readCurrentVersion(http("/version")).version()).isEqualTo("42");
  }

  @Test
  void notFoundMeansNothingIsDeployedYet() {
    server.enqueue(json(404, "{\"error\":\"no such deployment\"}"));

    assertThat(deploys.readCurrentVersion(http("/version")).version()).isNull();
  }

  @Test
  void aDocumentWithoutThePointerIsANonRetryableProbeFailure() {
    server.enqueue(json(200, "{\"name\":\"api\"}"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> deploys.readCurrentVersion(http("/version")));

    assertThat(failure.getType()).isEqualTo("ProbeFailed");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("version probe of api in production (GET " + server.url("/production/api/version")
            + "): the document has no value at /version (body: \"{\\\"name\\\":\\\"api\\\"}\")");
  }

  @Test
  void aBodyThatIsNotJsonIsANonRetryableProbeFailure() {
    server.enqueue(json(200, "<html>login</html>"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> deploys.readCurrentVersion(http("/version")));

    assertThat(failure.getType()).isEqualTo("ProbeFailed");
    assertThat(failure.getOriginalMessage()).contains("the body is not JSON").contains("<html>login</html>");
  }

  @Test
  void aServerErrorIsRetryable() {
    server.enqueue(json(500, "boom"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> deploys.readCurrentVersion(http("/version")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("HttpUnavailable");
  }

  @Test
  void noProbeMeansNoVersion() {
    assertThat(deploys.readCurrentVersion(new VersionProbeRequest("api", "staging", null, Map.of())).version()).isNull();
  }

  @Test
  void aCommandProbeReturnsItsTrimmedStandardOutputOnly() {
    VersionProbeRequest request = new VersionProbeRequest("api", "staging", new VersionProbe(null,
        List.of("bash", "-c", "echo 'warning: cache cold' >&2; echo '  1.0.9  '; echo", "probe")), Map.of());

    assertThat(deploys.readCurrentVersion(request).version()).isEqualTo("1.0.9");
  }

  @Test
  void aCommandProbeThatPrintsNothingFindsNoVersion() {
    VersionProbeRequest request =
        new VersionProbeRequest("api", "staging", new VersionProbe(null, List.of("true")), Map.of());

    assertThat(deploys.readCurrentVersion(request).version()).isNull();
  }
}
