package dev.deployflow.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.HttpCall;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile release values sent through the demo pipeline's deploy hook to a real local server. */
class HostileDeployInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO_BODY =
      "{\"environment\":\"${environment}\",\"component\":\"${component}\",\"version\":\"${version}\",\"weight\":${weight}}";

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private DeployActivitiesImpl deploys;

  @BeforeEach
  void start() throws Exception {
    server.start();
    ActivitySettings settings = new ActivitySettings(dir, dir, dir.resolve("l"), dir.resolve("m"),
        Map.of("DEMO_TARGET_URL", "http://127.0.0.1:" + server.getPort()), Duration.ofSeconds(2), Duration.ofSeconds(5), 0);
    deploys = new DeployActivitiesImpl(settings, HttpClients.create(settings));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static DeployRequest deploy(String component, String version, Map<String, String> headers) {
    HttpCall hook = new HttpCall("POST", "${env:DEMO_TARGET_URL}/deploy/${component}", headers, DEMO_BODY);
    return new DeployRequest("demo-shop", component, "staging", version, 10,
        new DeploySpec(null, null, null, hook, null), Map.of(), "key-1");
  }

  @Test
  void aVersionWrittenToRewriteTheBodyArrivesAsTheVersionOnly() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    deploys.deploy(deploy("api", "9.9.9\",\"environment\":\"production", Map.of("Content-Type", "application/json")));

    RecordedRequest received = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(received.getBody().utf8()).isEqualTo("{\"environment\":\"staging\",\"component\":\"api\","
        + "\"version\":\"9.9.9\\\",\\\"environment\\\":\\\"production\",\"weight\":10}");
    JsonNode body = JSON.readTree(received.getBody().utf8());
    assertThat(body.get("environment").textValue()).isEqualTo("staging");
    assertThat(body.get("version").textValue()).isEqualTo("9.9.9\",\"environment\":\"production");
    assertThat(body.size()).isEqualTo(4);
  }

  @Test
  void aComponentWrittenToLeaveThePathStaysOneSegment() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());

    deploys.deploy(deploy("../admin?x=1", "1.2.0", Map.of()));

    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).isEqualTo("/deploy/..%2Fadmin%3Fx%3D1");
  }

  @Test
  void aHookThatFollowsRedirectsRepeatsThePostOnTheSameHostAfterA307() throws Exception {
    server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/v2/deploy").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpCall hook = new HttpCall("POST", "${env:DEMO_TARGET_URL}/deploy", Map.of("Content-Type", "application/json"),
        DEMO_BODY, true);

    deploys.deploy(new DeployRequest("demo-shop", "api", "staging", "1.2.0", 10,
        new DeploySpec(null, null, null, hook, null), Map.of(), "key-1"));

    server.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest repeated = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(repeated.getMethod()).isEqualTo("POST");
    assertThat(repeated.getTarget()).isEqualTo("/v2/deploy");
    assertThat(repeated.getHeaders().get("Idempotency-Key")).isEqualTo("key-1");
    assertThat(repeated.getBody().utf8())
        .isEqualTo("{\"environment\":\"staging\",\"component\":\"api\",\"version\":\"1.2.0\",\"weight\":10}");
  }

  @Test
  void aHookRedirectedWithoutFollowRedirectsFailsNotRetryable() {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://login.example.com/sso?t=1").build());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> deploys.deploy(deploy("api", "1.2.0", Map.of())));

    assertThat(failure.getType()).isEqualTo("RedirectRefused");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).endsWith(" was redirected (HTTP 302) to host login.example.com,"
        + " which is refused: the step does not say followRedirects: true").doesNotContain("sso");
  }

  @Test
  void aHeaderValueWithALineBreakIsRefusedBeforeAnythingIsSent() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> deploys.deploy(deploy("api", "1.2.0\r\nX-Admin: true", Map.of("X-Release", "${version}"))));

    assertThat(failure.getType()).isEqualTo("DeployNotRunnable");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).endsWith(": cannot call the deploy hook: ${version} in header X-Release"
        + " holds a line break, a control character or a non-ASCII character, which a header cannot carry");
    assertThat(server.getRequestCount()).isZero();
  }
}
