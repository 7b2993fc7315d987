package dev.deployflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.worker.RunningWorker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/releases/{app}/plan} on a real worker with its real activities, against a
 * target (MockWebServer) that answers version reads and records every call: the plan reads the
 * live versions, judges the freeze, and sends no deploy.
 */
class PlanApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path baseDir;
  private static RunningWorker worker;
  private static MockWebServer target;
  private static final List<String> calls = new CopyOnWriteArrayList<>();
  /** A freeze that holds now and lifts within the window search's reach. */
  private static final String FREEZE_ENDS =
      java.time.Instant.now().plus(java.time.Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

  @BeforeAll
  static void start() throws IOException {
    target = new MockWebServer();
    target.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        calls.add(request.getMethod() + " " + request.getTarget());
        String path = request.getUrl().encodedPath();
        if (request.getMethod().equals("GET") && path.endsWith("/version")) {
          String component = request.getUrl().queryParameter("component");
          String version = path.startsWith("/staging") ? "1.9.0" : component.equals("api") ? "1.8.0" : "1.7.0";
          return new MockResponse.Builder().code(200).body("{\"version\":\"" + version + "\"}").build();
        }
        return new MockResponse.Builder().code(200).body("{}").build();
      }
    });
    target.start();
    String url = "http://127.0.0.1:" + target.getPort();
    Files.createDirectories(baseDir.resolve("pipelines"));
    Files.writeString(baseDir.resolve("pipelines/planshop.yaml"), """
        application: planshop
        components:
          - name: api
            deploy:
              http: { method: POST, url: "%1$s/deploy", body: '{"c":"${component}","v":"${version}"}' }
              currentVersion:
                http: { url: "%1$s/${environment}/version?component=api", jsonPointer: "/version" }
          - name: web
            deploy:
              http: { method: POST, url: "%1$s/deploy", body: '{"c":"${component}","v":"${version}"}' }
              currentVersion:
                http: { url: "%1$s/${environment}/version?component=web", jsonPointer: "/version" }
        environments:
          - name: staging
            smokeTests:
              - name: health
                request: { method: GET, url: "%1$s/staging/health" }
                expect: { status: 200 }
          - name: production
            approval: { approvers: [bob, carol], required: 2, timeout: 1h }
            freezes:
              - { from: "2000-01-01T00:00:00Z", to: "%2$s", reason: "year-end" }
            rollout:
              - { weight: 25, pause: 1m, analysis: [errors] }
            stability: { duration: 5m, interval: 1m, analysis: [errors] }
        analysis:
          errors:
            http: { url: "%1$s/production/errors", jsonPointer: "/value" }
            max: 0.05
            interval: 30s
            count: 4
        """.formatted(url, FREEZE_ENDS));
    worker = RunningWorker.start(baseDir);
  }

  @AfterAll
  static void stop() throws IOException {
    if (worker != null) {
      worker.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void planReadsLiveVersionsJudgesTheFreezeAndDeploysNothing() throws IOException {
    HttpResponse<String> response = worker.get("/api/releases/planshop/plan?version=2.0.0&change=faster%20search");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode plan = JSON.readTree(response.body());
    assertThat(plan.get("application").asText()).isEqualTo("planshop");
    assertThat(plan.get("kind").asText()).isEqualTo("standard");
    assertThat(plan.get("components").toString()).isEqualTo("[\"api\",\"web\"]");
    assertThat(plan.get("diff").toString()).isEqualTo("["
        + "{\"component\":\"api\",\"environment\":\"staging\",\"live\":\"1.9.0\",\"candidate\":\"2.0.0\"},"
        + "{\"component\":\"web\",\"environment\":\"staging\",\"live\":\"1.9.0\",\"candidate\":\"2.0.0\"},"
        + "{\"component\":\"api\",\"environment\":\"production\",\"live\":\"1.8.0\",\"candidate\":\"2.0.0\"},"
        + "{\"component\":\"web\",\"environment\":\"production\",\"live\":\"1.7.0\",\"candidate\":\"2.0.0\"}]");
    JsonNode hold = plan.get("holds").get(0);
    assertThat(hold.get("environment").asText()).isEqualTo("production");
    assertThat(hold.get("open").asBoolean()).isFalse();
    assertThat(hold.get("opensAt").asText()).isEqualTo(FREEZE_ENDS);
    assertThat(hold.get("reason").asText()).contains("year-end");
    assertThat(plan.get("gates").get(0).get("required").asInt()).isEqualTo(2);
    // 1m pause + 4 x 30s analysis + 5m stability.
    assertThat(plan.get("minimumDuration").asText()).isEqualTo("8m");
    assertThat(plan.get("steps").get(0).get("kind").asText()).isEqualTo("deploy");
    assertThat(plan.get("rollout").get(1).get("weight").asInt()).isEqualTo(100);

    // Only version reads reached the target: no deploy, no smoke test, no metric read.
    assertThat(calls).containsExactly(
        "GET /staging/version?component=api", "GET /staging/version?component=web",
        "GET /production/version?component=api", "GET /production/version?component=web");
  }

  @Test
  void aMissingPipelineIsRefusedWithTheReleasesOwnWords() throws IOException {
    HttpResponse<String> response = worker.get("/api/releases/nosuchapp/plan?version=1.0.0");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).get("detail").asText())
        .contains("Pipeline file nosuchapp.yaml not found");
  }

  @Test
  void anInvalidVersionIsRefusedBeforeTemporalIsAsked() {
    HttpResponse<String> response = worker.get("/api/releases/planshop/plan?version=not%20a%20version");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
  }

  @Test
  void anUnknownKindIsRefusedNamingTheParameter() {
    HttpResponse<String> response = worker.get("/api/releases/planshop/plan?version=1.0.0&kind=weird");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("invalid plan request: kind: 'weird' is not one of standard, hotfix");
  }
}
