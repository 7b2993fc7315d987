package dev.deployflow.demo.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo target over real HTTP: deploy semantics, idempotency, probes and metrics. */
class DemoTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private DemoTarget target;

  @BeforeEach
  void start() throws IOException {
    target = DemoTarget.start(0);
    target.state().seed("1.0.0");
  }

  @AfterEach
  void stop() {
    target.close();
  }

  @Test
  void theSameIdempotencyKeyIsAppliedOnce() throws Exception {
    String body = deployBody("production", "api", "1.1.0", 10);
    Response first = post("/deploy", body, "key-1");
    // A retry of the same step after the first call had already moved the canary on must not undo it.
    post("/deploy", deployBody("production", "api", "1.1.0", 50), "key-2");
    Response retry = post("/deploy", body, "key-1");

    assertThat(first.status()).isEqualTo(200);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().path("action").asText()).isEqualTo("canary");
    JsonNode version = get("/production/version?component=api").json();
    assertThat(version.path("candidate").asText()).isEqualTo("1.1.0");
    assertThat(version.path("weight").asInt()).isEqualTo(50);

    JsonNode events = get("/events").json();
    assertThat(events).hasSize(3);
    assertThat(events.get(0).path("duplicate").asBoolean()).isFalse();
    assertThat(events.get(2).path("duplicate").asBoolean()).isTrue();
    assertThat(events.get(2).path("idempotencyKey").asText()).isEqualTo("key-1");
  }

  @Test
  void callsWithoutAKeyAreEachApplied() throws Exception {
    post("/deploy", deployBody("staging", "web", "1.1.0", 20), null);
    post("/deploy", deployBody("staging", "web", "1.0.0", 100), null);
    post("/deploy", deployBody("staging", "web", "1.1.0", 20), null);

    assertThat(target.state().version("staging", "web"))
        .isEqualTo(new TargetState.ComponentView("1.0.0", "1.1.0", 20));
  }

  @Test
  void weight100PromotesAndDeployingTheStableVersionRollsBack() throws Exception {
    post("/deploy", deployBody("production", "web", "1.1.0", 100), "a");
    assertThat(get("/production/version?component=web").json().path("version").asText())
        .isEqualTo("1.1.0");

    post("/deploy", deployBody("production", "web", "1.2.0", 10), "b");
    Response rollback = post("/deploy", deployBody("production", "web", "1.1.0", 100), "c");

    assertThat(rollback.json().path("action").asText()).isEqualTo("rolled_back");
    JsonNode version = get("/production/version?component=web").json();
    assertThat(version.path("version").asText()).isEqualTo("1.1.0");
    assertThat(version.path("candidate").isNull()).isTrue();
    assertThat(version.path("weight").asInt()).isZero();
    // The other environment is untouched.
    assertThat(target.state().version("staging", "web").version()).isEqualTo("1.0.0");
  }

  @Test
  void aBadCandidateRaisesTheErrorRateWithItsWeight() throws Exception {
    double normal = errorRate("production");
    post("/deploy", deployBody("production", "api", "1.2.0-bad", 10), "k10");
    double at10 = errorRate("production");
    post("/deploy", deployBody("production", "api", "1.2.0-bad", 50), "k50");
    double at50 = errorRate("production");

    assertThat(normal).isLessThan(0.01);
    assertThat(at10).isGreaterThan(0.01);
    assertThat(at50).isGreaterThan(at10);
    // Only the environment with the bad candidate suffers.
    assertThat(errorRate("staging")).isEqualTo(normal);
    assertThat(get("/production/metrics/latency-p99").json().path("value").asDouble())
        .isGreaterThan(get("/staging/metrics/latency-p99").json().path("value").asDouble());
  }

  @Test
  void aBadVersionStillPassesItsHealthCheck() throws Exception {
    post("/deploy", deployBody("staging", "api", "1.2.0-bad", 100), "s");

    Response health = get("/staging/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    assertThat(errorRate("staging")).isGreaterThan(0.2);
  }

  @Test
  void aBadCandidateAtWeightZeroDoesNoHarm() throws Exception {
    post("/deploy", deployBody("production", "api", "1.2.0-bad", 10), "x");
    post("/deploy", deployBody("production", "api", "1.2.0-bad", 0), "y");

    assertThat(errorRate("production")).isLessThan(0.01);
  }

  @Test
  void refusesUnknownPlacesAndBadRequests() throws Exception {
    assertThat(post("/deploy", deployBody("qa", "api", "1.1.0", 10), null).status()).isEqualTo(404);
    assertThat(post("/deploy", deployBody("staging", "db", "1.1.0", 10), null).status()).isEqualTo(404);
    assertThat(post("/deploy", deployBody("staging", "api", "1.1.0", 101), null).status()).isEqualTo(400);
    assertThat(post("/deploy", "{not json", null).status()).isEqualTo(400);
    assertThat(get("/deploy").status()).isEqualTo(405);
    assertThat(get("/qa/health").status()).isEqualTo(404);
    assertThat(target.state().events()).isEmpty();
  }

  @Test
  void aComponentNeverDeployedHasNoVersion() throws Exception {
    try (DemoTarget empty = DemoTarget.start(0)) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(empty.url() + "/production/version?component=api")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void recordsNotificationsAndReportsTheWholeState() throws Exception {
    post("/notifications", "{\"event\":\"started\",\"version\":\"1.1.0\"}", null);

    JsonNode notifications = get("/notifications").json();
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0).path("event").asText()).isEqualTo("started");
    JsonNode state = get("/state").json();
    assertThat(state.path("production").path("web").path("version").asText()).isEqualTo("1.0.0");
    assertThat(state.path("staging").path("api").path("version").asText()).isEqualTo("1.0.0");
  }

  private double errorRate(String env) throws Exception {
    return get("/" + env + "/metrics/error-rate").json().path("value").asDouble();
  }

  private static String deployBody(String env, String component, String version, int weight) {
    return "{\"environment\":\"%s\",\"component\":\"%s\",\"version\":\"%s\",\"weight\":%d}"
        .formatted(env, component, version, weight);
  }

  private Response post(String path, String body, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return send(request.build());
  }

  private Response get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(target.url() + path)).build());
  }

  private Response send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  private record Response(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }
}
