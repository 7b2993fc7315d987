package dev.deployflow.activities.releaselog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.ReleaseLogActivities.PublishRequest;
import dev.deployflow.activity.ReleaseLogActivities.PublishResult;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.model.CompensationState;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import dev.deployflow.pipeline.ReleaseLogSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release record POSTed to a real webhook receiver, and what it receives. */
class ReleaseLogSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "log-store-token-5f1e9c";
  private static final String PATH = "/ingest/releases";

  @TempDir Path dir;
  private MockWebServer store;
  private ReleaseLogActivitiesImpl releaseLog;

  @BeforeEach
  void start() throws Exception {
    store = new MockWebServer();
    store.start();
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("log.jsonl"), dir,
        Map.of("RELEASE_LOG_URL", store.url(PATH).toString(), "RELEASE_LOG_TOKEN", TOKEN),
        Duration.ofSeconds(2), Duration.ofSeconds(2), 0);
    releaseLog = new ReleaseLogActivitiesImpl(settings, HttpClients.create(settings), 3, Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private static ReleaseLogEntry entry(String summary) {
    return new ReleaseLogEntry(
        "demo-shop", "1.2.0", "1.1.0", "rolled_back", "standard", "alice", List.of("bob"),
        List.of("Fix 'Profile Edit' crash"), summary, "2026-12-01T10:00:00Z", "2026-12-01T10:05:00Z",
        List.of(new TimelineEvent("2026-12-01T10:01:00Z", "staging deployed", null)),
        List.of(new CompensationStatus("undo deploy api production", CompensationState.DONE, null)));
  }

  private static ReleaseLogSink sink(String url, Boolean followRedirects) {
    return new ReleaseLogSink(new ReleaseLogSink.Webhook(
        url, Map.of("Authorization", "Bearer ${env:RELEASE_LOG_TOKEN}"), followRedirects));
  }

  private PublishResult publish(ReleaseLogEntry entry, ReleaseLogSink... sinks) {
    return releaseLog.publishReleaseLog(new PublishRequest(entry, List.of(sinks), Map.of("application", "demo-shop")));
  }

  @Test
  void theReleaseRecordIsPostedAsJsonWithTheSinksHeadersAndSecretsMasked() throws Exception {
    store.enqueue(new MockResponse.Builder().code(201).build());

    PublishResult result = publish(entry("error rate above 1% (token " + TOKEN + " leaked in a message)"),
        sink("${env:RELEASE_LOG_URL}", null));

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(result.failures()).isEmpty();
    RecordedRequest request = store.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(PATH);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get("Idempotency-Key")).startsWith("release-")
        .isEqualTo(ReleaseLogPublisher.idempotencyKey(entry("other summary")));
    String body = request.getBody().utf8();
    assertThat(body).doesNotContain(TOKEN);
    JsonNode record = JSON.readTree(body);
    assertThat(record.path("application").asText()).isEqualTo("demo-shop");
    assertThat(record.path("version").asText()).isEqualTo("1.2.0");
    assertThat(record.path("previousVersion").asText()).isEqualTo("1.1.0");
    assertThat(record.path("outcome").asText()).isEqualTo("rolled_back");
    assertThat(record.path("requestedBy").asText()).isEqualTo("alice");
    assertThat(record.path("approvedBy").get(0).asText()).isEqualTo("bob");
    assertThat(record.path("summary").asText()).contains("error rate above 1%", "****");
    assertThat(record.path("timeline").get(0).path("event").asText()).isEqualTo("staging deployed");
    assertThat(record.path("compensations").get(0).path("state").asText()).isEqualTo("done");
    // The same record as the file log's line.
    releaseLog.appendReleaseLog(entry("error rate above 1% (token " + TOKEN + " leaked in a message)"));
    String line = java.nio.file.Files.readAllLines(dir.resolve("log.jsonl")).get(0);
    assertThat(JSON.readTree(line)).isEqualTo(record);
  }

  @Test
  void aPassingFailureIsTriedAgain() throws Exception {
    store.enqueue(new MockResponse.Builder().code(503).build());
    store.enqueue(new MockResponse.Builder().code(200).build());

    PublishResult result = publish(entry("ok"), sink("${env:RELEASE_LOG_URL}", null));

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(store.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFailingSinkIsReportedWithoutItsUrlAndTheOthersStillGetTheRecord() throws Exception {
    store.enqueue(new MockResponse.Builder().code(400).build());
    store.enqueue(new MockResponse.Builder().code(200).build());

    PublishResult result = publish(entry("ok"),
        sink("${env:RELEASE_LOG_URL}", null), sink("${env:MISSING_LOG_URL}", null), sink("${env:RELEASE_LOG_URL}", null));

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(result.failures()).hasSize(2);
    assertThat(result.failures().get(0)).isEqualTo("release-log sink 0: HTTP 400 (not retried)");
    assertThat(result.failures().get(1)).startsWith("release-log sink 1: ").contains("MISSING_LOG_URL");
    assertThat(String.join(" ", result.failures())).doesNotContain(PATH, String.valueOf(store.getPort()));
  }

  @Test
  void aRedirectIsRefusedUnlessTheSinkFollowsThemToTheSameHost() throws Exception {
    store.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "http://elsewhere.example/ingest").build());

    PublishResult refused = publish(entry("ok"), sink("${env:RELEASE_LOG_URL}", null));

    assertThat(refused.delivered()).isZero();
    assertThat(refused.failures().get(0)).contains("redirected (HTTP 307) to host elsewhere.example", "refused");
    assertThat(store.getRequestCount()).isEqualTo(1);

    store.enqueue(new MockResponse.Builder().code(307).addHeader("Location", PATH + "/v2").build());
    store.enqueue(new MockResponse.Builder().code(200).build());
    PublishResult followed = publish(entry("ok"), sink("${env:RELEASE_LOG_URL}", true));

    assertThat(followed.delivered()).isEqualTo(1);
    store.takeRequest(5, TimeUnit.SECONDS);
    store.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = store.takeRequest(5, TimeUnit.SECONDS);
    assertThat(second.getUrl().encodedPath()).isEqualTo(PATH + "/v2");
    assertThat(JSON.readTree(second.getBody().utf8()).path("version").asText()).isEqualTo("1.2.0");
  }

  @Test
  void anUnreachableSinkIsReportedNotThrown() throws Exception {
    String url = store.url(PATH).toString();
    store.close();

    PublishResult result = releaseLog.publishReleaseLog(new PublishRequest(
        entry("ok"), List.of(new ReleaseLogSink(new ReleaseLogSink.Webhook(url, null, null))), Map.of()));

    assertThat(result.delivered()).isZero();
    assertThat(result.failures()).containsExactly("release-log sink 0: could not connect after 3 attempts");
  }
}
