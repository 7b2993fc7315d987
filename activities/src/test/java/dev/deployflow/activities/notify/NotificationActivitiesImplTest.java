package dev.deployflow.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.activity.NotificationActivities.NotifyResult;
import dev.deployflow.pipeline.NotificationTarget;
import dev.deployflow.pipeline.NotificationTarget.Webhook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/** Delivers notifications to a real webhook receiver and reads what it received. */
class NotificationActivitiesImplTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_PATH = "/services/T000/B000/xoxb-very-secret";
  private static final String APPROVE = "deployflow approve shop-api --gate production";
  private static final String CHAT = "/deploy approve shop-api";

  @TempDir Path dir;
  private MockWebServer webhook;
  private NotificationActivitiesImpl notifier;

  @BeforeEach
  void start() throws Exception {
    webhook = new MockWebServer();
    webhook.start();
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("log.jsonl"), dir,
        Map.of("SLACK_WEBHOOK_URL", webhook.url(SECRET_PATH).toString(),
            "JSON_HOOK", webhook.url("/hooks/json").toString()),
        Duration.ofSeconds(2), Duration.ofSeconds(2), 0);
    notifier = new NotificationActivitiesImpl(settings, HttpClients.create(settings), 3, Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    webhook.close();
  }

  @Test
  void slackPayloadNamesTheReleaseAndTheApproveCommandsInCode() throws Exception {
    webhook.enqueue(ok());

    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(target("${env:SLACK_WEBHOOK_URL}", "slack"))));

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(result.failures()).isEmpty();
    RecordedRequest request = webhook.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo(SECRET_PATH);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertThat(body.path("text").asText()).contains("shop-api", "1.2.0", "approval", APPROVE);
    JsonNode blocks = body.path("blocks");
    List<String> types = new ArrayList<>();
    blocks.forEach(b -> types.add(b.path("type").asText()));
    assertThat(types).containsExactly("header", "section", "section", "section", "context");
    assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("shop-api 1.2.0 — awaiting approval");
    assertThat(blocks.get(2).path("text").path("text").asText()).isEqualTo("Waiting for bob or carol");
    assertThat(blocks.get(3).path("text").path("text").asText())
        .contains("*Who must act:*", "```" + SlackMessage.fit(APPROVE, 1000) + "```", "`" + CHAT + "`");
    assertThat(blocks.get(4).path("elements").get(0).path("text").asText()).contains("awaiting_approval");
  }

  @Test
  void jsonPayloadIsAPlainObjectWithEveryField() throws Exception {
    webhook.enqueue(ok());

    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(target("${env:JSON_HOOK}", "json"))));

    assertThat(result.delivered()).isEqualTo(1);
    JsonNode body = JSON.readTree(webhook.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.path("event").asText()).isEqualTo("awaiting_approval");
    assertThat(body.path("application").asText()).isEqualTo("shop-api");
    assertThat(body.path("version").asText()).isEqualTo("1.2.0");
    assertThat(body.path("phase").asText()).isEqualTo("approval");
    assertThat(body.path("message").asText()).isEqualTo("Waiting for bob or carol");
    assertThat(body.path("approveCommand").asText()).isEqualTo(APPROVE);
    assertThat(body.path("chatCommand").asText()).isEqualTo(CHAT);
  }

  @Test
  void jsonPayloadKeepsAbsentCommandsAsNull() throws Exception {
    webhook.enqueue(ok());

    notifier.sendNotification(new NotifyRequest(
        "succeeded", "shop-api", "1.2.0", "completion", "Released", null, null,
        List.of(target("${env:JSON_HOOK}", "json")), Map.of()));

    JsonNode body = JSON.readTree(webhook.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.has("approveCommand")).isTrue();
    assertThat(body.get("approveCommand").isNull()).isTrue();
  }

  @Test
  void a500ThenA200IsDelivered() throws Exception {
    webhook.enqueue(new MockResponse.Builder().code(500).build());
    webhook.enqueue(ok());

    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(target("${env:SLACK_WEBHOOK_URL}", "slack"))));

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(result.failures()).isEmpty();
    assertThat(webhook.getRequestCount()).isEqualTo(2);
  }

  @Test
  void alwaysFailingWebhookIsReportedWithoutItsUrlAndNothingIsThrown() {
    for (int i = 0; i < 3; i++) {
      webhook.enqueue(new MockResponse.Builder().code(500).body(SECRET_PATH).build());
    }
    webhook.enqueue(ok());

    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(
        target("${env:SLACK_WEBHOOK_URL}", "slack"),
        target("${env:JSON_HOOK}", "json"))));

    assertThat(webhook.getRequestCount()).isEqualTo(4);
    assertThat(result.delivered()).isEqualTo(1);
    assertThat(result.failures()).containsExactly("target 0: HTTP 500 after 3 attempts");
    assertThat(String.join(" ", result.failures()))
        .doesNotContain(SECRET_PATH)
        .doesNotContain("xoxb")
        .doesNotContain(String.valueOf(webhook.getPort()));
  }

  @Test
  void clientErrorIsNotRetried() {
    webhook.enqueue(new MockResponse.Builder().code(404).build());

    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(target("${env:JSON_HOOK}", "json"))));

    assertThat(webhook.getRequestCount()).isEqualTo(1);
    assertThat(result.failures()).containsExactly("target 0: HTTP 404 (not retried)");
  }

  @Test
  void unreachableWebhookIsReportedWithoutItsAddress() {
    String url = webhook.url(SECRET_PATH).toString();
    webhook.close();
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("log.jsonl"), dir, Map.of("SLACK_WEBHOOK_URL", url),
        Duration.ofSeconds(1), Duration.ofSeconds(1), 0);
    NotificationActivitiesImpl offline = new NotificationActivitiesImpl(
        settings, HttpClients.create(settings), 2, Duration.ofMillis(10));

    NotifyResult result = offline.sendNotification(approvalRequest(List.of(target("${env:SLACK_WEBHOOK_URL}", "slack"))));

    assertThat(result.delivered()).isZero();
    assertThat(result.failures()).singleElement().asString()
        .startsWith("target 0: ")
        .contains("after 2 attempts")
        .doesNotContain(SECRET_PATH)
        .doesNotContain("127.0.0.1")
        .doesNotContain("localhost");
  }

  @Test
  void unsetEnvironmentVariableAndUnknownFormatAreFailuresNamingTheTarget() {
    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(
        target("${env:NOT_SET_HOOK}", "slack"),
        target("${env:JSON_HOOK}", "teams"))));

    assertThat(result.delivered()).isZero();
    assertThat(result.failures()).hasSize(2);
    assertThat(result.failures().get(0)).startsWith("target 0: ").contains("NOT_SET_HOOK");
    assertThat(result.failures().get(1)).startsWith("target 1: ").contains("'teams'");
    assertThat(webhook.getRequestCount()).isZero();
  }

  @Test
  void targetsReceiveOnlyTheEventsTheyAskedFor() throws Exception {
    webhook.enqueue(ok());
    NotificationTarget onlyFailures =
        new NotificationTarget(new Webhook("${env:SLACK_WEBHOOK_URL}", "slack"), List.of("failed", "rolled_back"));
    NotificationTarget approvals =
        new NotificationTarget(new Webhook("${env:JSON_HOOK}", "json"), List.of("awaiting_approval"));

    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(onlyFailures, approvals)));

    assertThat(result.delivered()).isEqualTo(1);
    assertThat(webhook.getRequestCount()).isEqualTo(1);
    assertThat(webhook.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/hooks/json");
  }

  @Test
  void aRedirectIsNeverFollowedAndReportedByItsTargetHostOnly() throws Exception {
    webhook.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://127.0.0.2:9/steal?k=v").build());

    NotifyResult result = notifier.sendNotification(approvalRequest(List.of(target("${env:SLACK_WEBHOOK_URL}", "slack"))));

    assertThat(result.delivered()).isZero();
    assertThat(result.failures())
        .containsExactly("target 0: redirected (HTTP 302) to host 127.0.0.2, which is refused (not retried)");
    assertThat(webhook.getRequestCount()).isEqualTo(1);
  }

  private static NotifyRequest approvalRequest(List<NotificationTarget> targets) {
    return new NotifyRequest(
        "awaiting_approval", "shop-api", "1.2.0", "approval", "Waiting for bob or carol",
        APPROVE, CHAT, targets, Map.of("application", "shop-api", "version", "1.2.0"));
  }

  private static NotificationTarget target(String url, String format) {
    return new NotificationTarget(new Webhook(url, format), List.of());
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().code(200).body("ok").build();
  }
}
