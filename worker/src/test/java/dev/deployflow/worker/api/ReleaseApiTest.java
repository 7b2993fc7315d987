package dev.deployflow.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deployflow.worker.RunningWorker;
import dev.deployflow.worker.chat.SlackSignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API and the chat endpoint against the real release workflow on the embedded
 * Temporal: one release of {@code shop-api} is started over HTTP, refused a second time,
 * approved from chat after a refused self-approval, paused and resumed over HTTP, promoted from
 * chat, and reported succeeded.
 */
class ReleaseApiTest {
  @TempDir static Path baseDir;
  private static RunningWorker worker;

  @BeforeAll
  static void start() throws IOException {
    Files.createDirectories(baseDir.resolve("pipelines"));
    try (InputStream pipeline = ReleaseApiTest.class.getResourceAsStream("/pipelines/shop-api.yaml")) {
      Files.copy(pipeline, baseDir.resolve("pipelines/shop-api.yaml"));
    }
    worker =
        RunningWorker.start(baseDir, "--deployflow.environment[SHOP_API_TOKEN]=not-a-real-token");
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void oneReleaseFromStartToSuccessOverHttpAndChat() {
    assertThat(worker.get("/api/releases/shop-api").statusCode()).isEqualTo(404);

    HttpResponse<String> started =
        worker.postJson(
            "/api/releases",
            "{\"application\":\"shop-api\",\"version\":\"1.2.0\",\"requestedBy\":\"alice\"}");
    assertThat(started.statusCode()).isEqualTo(202);
    assertThat(started.body()).contains("\"workflowId\":\"deploy-shop-api\"");
    assertThat(started.headers().firstValue("Location")).hasValue("/api/releases/shop-api");

    awaitStatus("\"gates\":[{\"name\":\"production\",\"kind\":\"approval\",\"state\":\"waiting\"");

    HttpResponse<String> second =
        worker.postJson("/api/releases", "{\"application\":\"shop-api\",\"version\":\"1.3.0\"}");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains("1.2.0 in phase approval");

    HttpResponse<String> selfApproval =
        worker.postJson("/api/releases/shop-api/approve", "{\"by\":\"alice\"}", "alice");
    assertThat(selfApproval.statusCode()).isEqualTo(422);
    // The release's own words; whatever they are, they say alice may not approve it.
    assertThat(selfApproval.body()).contains("alice").contains("may not approve");

    HttpResponse<String> approved = chat("approve shop-api looks good", "bob");
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.body())
        .contains("\"response_type\":\"in_channel\"")
        .contains("bob approved *shop-api 1.2.0*");

    awaitStatus("\"phase\":\"production_rollout\"", "\"state\":\"waiting\"");

    HttpResponse<String> paused =
        worker.postJson(
            "/api/releases/shop-api/pause", "{\"by\":\"carol\",\"reason\":\"lunch\"}", "carol");
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(paused.body()).contains("\"state\":\"paused\"");
    HttpResponse<String> pausedAgain =
        worker.postJson("/api/releases/shop-api/pause", "{}", "bob");
    assertThat(pausedAgain.statusCode()).isEqualTo(422);
    assertThat(pausedAgain.body()).contains("already paused (by carol)");
    assertThat(
            worker.postJson("/api/releases/shop-api/resume", "{\"by\":\"carol\"}", "carol")
                .statusCode())
        .isEqualTo(200);

    HttpResponse<String> promoted = chat("promote shop-api full", "carol");
    assertThat(promoted.body()).contains("carol promoted (all remaining steps)");

    awaitStatus("\"state\":\"done\"", "\"outcome\":\"succeeded\"");
    assertThat(chat("status shop-api", "bob").body())
        .contains("\"response_type\":\"ephemeral\"")
        .contains("outcome succeeded");
  }

  @Test
  void unsignedOrTamperedChatRequestsAreRefused() {
    String body = "command=%2Fdeploy&text=status+shop-api&user_id=UBOB";
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String signature =
        SlackSignatureVerifier.sign(
            RunningWorker.SIGNING_SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> tampered =
        worker.send(
            chatRequest(body.replace("UBOB", "UEVE"))
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature));
    HttpResponse<String> unsigned = worker.send(chatRequest(body));

    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(tampered.body()).contains("the signature does not match");
    assertThat(unsigned.statusCode()).isEqualTo(401);
  }

  @Test
  void hostileRequestsAreRefusedAtTheEdgeOfTheRealWorker() {
    HttpResponse<String> noToken =
        worker.send(
            HttpRequest.newBuilder(worker.uri("/api/releases/shop-api/approve"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"bob\"}")));
    HttpResponse<String> viewer =
        worker.postJson("/api/releases/shop-api/approve", "{}", RunningWorker.VIEWER);
    HttpResponse<String> someoneElse =
        worker.postJson("/api/releases/shop-api/approve", "{\"by\":\"bob\"}", "carol");
    HttpResponse<String> hugeReason =
        worker.postJson(
            "/api/releases/shop-api/pause",
            "{\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}",
            "carol");
    HttpResponse<String> hugeChat =
        worker.send(chatRequest("text=" + "x".repeat(1024 * 1024)));

    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.body()).doesNotContain("carol");
    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(someoneElse.statusCode()).isEqualTo(403);
    assertThat(someoneElse.body()).contains("by: must be your own identity 'carol'");
    assertThat(hugeReason.statusCode()).isEqualTo(413);
    assertThat(hugeChat.statusCode()).isEqualTo(413);
    assertThat(hugeChat.body()).contains("larger than 65536 bytes");
  }

  @Test
  void healthDetailsNeedAToken() {
    HttpResponse<String> anonymous =
        worker.send(HttpRequest.newBuilder(worker.uri("/actuator/health")).GET());

    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("temporal");
    assertThat(worker.get("/actuator/health").body()).contains("\"temporal\":{");
  }

  private static void awaitStatus(String... fragments) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> status = worker.get("/api/releases/shop-api");
              assertThat(status.statusCode()).isEqualTo(200);
              assertThat(status.body()).contains(fragments);
            });
  }

  private static HttpResponse<String> chat(String text, String user) {
    String body =
        "token=t&command=%2Fdeploy&text="
            + URLEncoder.encode(text, StandardCharsets.UTF_8)
            + "&user_id=" + RunningWorker.slackUserId(user) + "&user_name=" + user
            + "&response_url=https%3A%2F%2Fhooks.example.com%2Fx";
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String signature =
        SlackSignatureVerifier.sign(
            RunningWorker.SIGNING_SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));
    return worker.send(
        chatRequest(body)
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", signature));
  }

  private static HttpRequest.Builder chatRequest(String body) {
    return HttpRequest.newBuilder(worker.uri("/api/chat/slack"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }
}
