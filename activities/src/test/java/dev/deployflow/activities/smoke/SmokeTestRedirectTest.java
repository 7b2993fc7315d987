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
import java.net.InetAddress;
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

/**
 * Redirects met by a smoke test, with two real servers on two loopback hosts (127.0.0.1 and
 * 127.0.0.2): one to another host is never followed, one to the same host only when the test says
 * {@code followRedirects: true}.
 */
class SmokeTestRedirectTest {
  private static final String TOKEN = "smoke-tok-31337";

  private final MockWebServer target = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();
  private SmokeTestActivitiesImpl smoke;

  @BeforeEach
  void start() throws Exception {
    target.start(InetAddress.getByName("127.0.0.1"), 0);
    elsewhere.start(InetAddress.getByName("127.0.0.2"), 0);
    Path base = Path.of("unused");
    ActivitySettings settings = new ActivitySettings(
        base, base, base, base, Map.of("HEALTH_TOKEN", TOKEN), Duration.ofSeconds(2), Duration.ofSeconds(5), 0);
    smoke = new SmokeTestActivitiesImpl(settings, HttpClients.create(settings));
  }

  @AfterEach
  void stop() {
    target.close();
    elsewhere.close();
  }

  private String targetUrl(String path) {
    return "http://127.0.0.1:" + target.getPort() + path;
  }

  private SmokeTestRequest health(Boolean followRedirects) {
    HttpCall call = new HttpCall("GET", targetUrl("/${environment}/health"),
        Map.of("Authorization", "Bearer ${env:HEALTH_TOKEN}"), null, followRedirects);
    return new SmokeTestRequest("staging", new SmokeTest("health", call, new Expectation(200, "UP", null, null)), Map.of());
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location).build();
  }

  @Test
  void aRedirectToAnotherHostIsRefusedNamingOnlyThatHost() throws Exception {
    target.enqueue(redirect(302, "http://127.0.0.2:" + elsewhere.getPort() + "/collect?token=leaked-in-location"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> smoke.runSmokeTest(health(null)));

    assertThat(failure.getType()).isEqualTo("RedirectRefused");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("smoke test 'health' in staging: GET " + targetUrl("/staging/health")
        + " was redirected (HTTP 302) to host 127.0.0.2, which is refused: the step does not say followRedirects: true");
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void evenAStepThatFollowsRedirectsNeverFollowsOneToAnotherHost() throws Exception {
    target.enqueue(redirect(307, "http://127.0.0.2:" + elsewhere.getPort() + "/staging/health"));

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> smoke.runSmokeTest(health(true)));

    assertThat(failure.getType()).isEqualTo("RedirectRefused");
    assertThat(failure.getOriginalMessage()).isEqualTo("smoke test 'health' in staging: GET " + targetUrl("/staging/health")
        + " was redirected (HTTP 307) to host 127.0.0.2, which is refused: redirects are followed only to the same host (127.0.0.1)");
    assertThat(failure.getOriginalMessage()).doesNotContain(TOKEN);
    // The token was never sent to the other host.
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aRedirectToTheSameHostIsFollowedOnlyWhenTheStepSaysSo() throws Exception {
    target.enqueue(redirect(301, "/v2/staging/health"));
    ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class, () -> smoke.runSmokeTest(health(false)));
    assertThat(refused.getOriginalMessage()).endsWith(
        "was redirected (HTTP 301) to host 127.0.0.1, which is refused: the step does not say followRedirects: true");
    target.takeRequest(1, TimeUnit.SECONDS);

    target.enqueue(redirect(301, "/v2/staging/health"));
    target.enqueue(new MockResponse.Builder().code(200).body("status: UP").build());
    SmokeTestResult result = smoke.runSmokeTest(health(true));

    assertThat(result.status()).isEqualTo(200);
    RecordedRequest first = target.takeRequest(1, TimeUnit.SECONDS);
    RecordedRequest second = target.takeRequest(1, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/staging/health");
    assertThat(second.getUrl().encodedPath()).isEqualTo("/v2/staging/health");
    assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aRedirectLoopOnTheSameHostEndsAfterFiveRedirects() {
    for (int i = 0; i < 6; i++) {
      target.enqueue(redirect(302, "/loop"));
    }

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> smoke.runSmokeTest(health(true)));

    assertThat(failure.getType()).isEqualTo("RedirectRefused");
    assertThat(failure.getOriginalMessage()).endsWith("to host 127.0.0.1, which is refused: more than 5 redirects");
    assertThat(target.getRequestCount()).isEqualTo(6);
  }
}
