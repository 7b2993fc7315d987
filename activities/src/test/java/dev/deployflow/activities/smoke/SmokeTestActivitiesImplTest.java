package dev.deployflow.activities.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestRequest;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestResult;
import dev.deployflow.pipeline.HttpCall;
import dev.deployflow.pipeline.SmokeTest;
import dev.deployflow.pipeline.SmokeTest.Expectation;
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

/** Smoke tests against a real local HTTP server. */
class SmokeTestActivitiesImplTest {
  private static final String TOKEN = "smoke-tok-31337";

  private final MockWebServer server = new MockWebServer();
  private SmokeTestActivitiesImpl smoke;

  @BeforeEach
  void start() throws Exception {
    server.start();
    smoke = smokeTests(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static SmokeTestActivitiesImpl smokeTests(Duration readTimeout) {
    Path base = Path.of("unused");
    ActivitySettings settings = new ActivitySettings(
        base, base, base, base, Map.of("HEALTH_TOKEN", TOKEN), Duration.ofSeconds(2), readTimeout, 0);
    return new SmokeTestActivitiesImpl(settings, HttpClients.create(settings));
  }

  private SmokeTestRequest test(Expectation expect) {
    HttpCall call = new HttpCall(null, server.url("/") + "${environment}/health",
        Map.of("Authorization", "Bearer ${env:HEALTH_TOKEN}"), null);
    return new SmokeTestRequest("staging", new SmokeTest("health", call, expect), Map.of("version", "1.2.0"));
  }

  private static MockResponse respond(int code, String body) {
    return new MockResponse.Builder().code(code).body(body).build();
  }

  @Test
  void passesWhenEveryExpectationHolds() throws Exception {
    server.enqueue(respond(200, "{\"status\":\"UP\",\"build\":{\"version\":\"1.2.0\",\"replicas\":3,\"ready\":true}}"));

    SmokeTestResult result = smoke.runSmokeTest(test(new Expectation(200, "UP",
        Map.of("/status", "UP", "/build/version", "1.2.0",
            "/build/replicas", "3", "/build/ready", "true"), "2s")));

    assertThat(result.name()).isEqualTo("health");
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.latencyMillis()).isNotNegative();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/staging/health");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void withoutAnExpectedStatusAny2xxPasses() {
    server.enqueue(respond(204, ""));

    assertThat(smoke.runSmokeTest(test(null)).status()).isEqualTo(204);
  }

  @Test
  void anUnexpectedStatusFailsWithTheStatusAndTheBody() {
    server.enqueue(respond(404, "not found"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> smoke.runSmokeTest(test(new Expectation(200, null, null, null))));

    assertThat(failure.getOriginalMessage())
        .isEqualTo("smoke test 'health' failed: expected status 200, got 404 (body: \"not found\")");
    assertThat(failure.getType()).isEqualTo("SmokeTestFailed");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void missingBodyTextAndWrongJsonValuesAreAllNamed() {
    server.enqueue(respond(200, "{\"status\":\"DEGRADED\"}"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> smoke.runSmokeTest(
        test(new Expectation(200, "UP", Map.of("/status", "UP", "/db", "ok"), null))));

    assertThat(failure.getOriginalMessage())
        .startsWith("smoke test 'health' failed: expected the body to contain \"UP\" (body: \"{\\\"status\\\":\\\"DEGRADED\\\"}\")")
        .contains("expected /status to be \"UP\", got \"DEGRADED\"")
        .contains("expected /db to be \"ok\", but the document has no value there");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aBodyThatIsNotJsonFailsClearly() {
    server.enqueue(respond(200, "<html>maintenance</html>"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> smoke.runSmokeTest(test(new Expectation(200, null, Map.of("/status", "UP"), null))));

    assertThat(failure.getOriginalMessage())
        .startsWith("smoke test 'health' failed: expected a JSON body for /status, but it does not parse (")
        .endsWith("(body: \"<html>maintenance</html>\")");
    assertThat(failure.getType()).isEqualTo("SmokeTestFailed");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void anAnswerSlowerThanTheLatencyLimitFails() {
    server.enqueue(new MockResponse.Builder().body("UP").headersDelay(400, TimeUnit.MILLISECONDS).build());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> smoke.runSmokeTest(test(new Expectation(200, "UP", null, "100ms"))));

    assertThat(failure.getOriginalMessage()).matches("smoke test 'health' failed: expected a latency of at most 100ms, took \\d+ ms");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aServerErrorIsRetryable() {
    server.enqueue(respond(503, "upstream not ready"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> smoke.runSmokeTest(test(new Expectation(200, null, null, null))));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("HttpUnavailable");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("smoke test 'health' failed: expected status 200, got 503 (body: \"upstream not ready\")");
  }

  @Test
  void tooManyRequestsWaitsAsLongAsTheServerAsks() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "30").body("slow down").build());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> smoke.runSmokeTest(test(new Expectation(200, null, null, null))));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anAnswerSlowerThanTheClientTimeoutIsRetryable() {
    SmokeTestActivitiesImpl impatient = smokeTests(Duration.ofMillis(300));
    server.enqueue(new MockResponse.Builder().body("UP").headersDelay(3, TimeUnit.SECONDS).build());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> impatient.runSmokeTest(test(new Expectation(200, null, null, null))));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("HttpUnavailable");
    assertThat(failure.getOriginalMessage())
        .startsWith("smoke test 'health' in staging: GET " + server.url("/staging/health") + " failed:")
        .containsPattern("(?i)timeout|timed out");
  }

  @Test
  void secretsEchoedByTheServerAreMasked() {
    server.enqueue(respond(401, "bad credentials: Bearer " + TOKEN));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> smoke.runSmokeTest(test(new Expectation(200, null, null, null))));

    assertThat(failure.getMessage()).doesNotContain(TOKEN).contains("Bearer ****");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void aTestThatCannotBeBuiltIsNotRetryable() {
    HttpCall call = new HttpCall("GET", "https://${env:NO_SUCH_HOST_VARIABLE}/health", null, null);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> smoke.runSmokeTest(
        new SmokeTestRequest("staging", new SmokeTest("health", call, null), Map.of())));

    assertThat(failure.getType()).isEqualTo("SmokeTestFailed");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("NO_SUCH_HOST_VARIABLE");
  }
}
