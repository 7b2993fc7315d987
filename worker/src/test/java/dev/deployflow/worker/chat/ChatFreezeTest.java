package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deployflow.worker.RunningWorker;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stop the line from chat, against the real worker and its embedded Temporal: Slack-signed
 * {@code /deploy freeze}, {@code freezes}, {@code unfreeze} and {@code breakglass} requests reach
 * the real freeze calendar and release as the speaker mapped from the request's {@code user_id};
 * the calendar's and the release's refusals come back in their own words, an unmapped user gets
 * nothing done, and hostile text is refused by the input rules or shown escaped.
 */
class ChatFreezeTest {
  private static final Pattern FREEZE_ID = Pattern.compile("freeze-[0-9]+");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final java.util.concurrent.atomic.AtomicLong TRIGGERS = new java.util.concurrent.atomic.AtomicLong();
  /**
   * A hotfix track without staging, straight to 100%, behind a production gate of bob and carol
   * (alice, the requester, is no approver): breakGlass is theirs to send.
   */
  private static final String HOTFIX_PIPELINE = """
      application: hotfix-api
      components:
        - name: api
          kind: backend
          deploy:
            command: ["true"]
      environments:
        - name: staging
        - name: production
          approval: { approvers: [bob, carol], required: 1, timeout: 1h }
          rollout:
            - { weight: 100 }
      hotfix:
        skipStaging: true
        rollout: [ { weight: 100 } ]
      """;

  @TempDir static Path baseDir;
  private static RunningWorker worker;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(baseDir.resolve("pipelines"));
    Files.writeString(baseDir.resolve("pipelines/hotfix-api.yaml"), HOTFIX_PIPELINE);
    worker = RunningWorker.start(baseDir);
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  /** Every test starts and ends with an empty calendar, so that none holds another's release. */
  @AfterEach
  void liftEverything() {
    for (Map<String, Object> freeze : freezes()) {
      assertThat(worker.send(HttpRequest.newBuilder(worker.uri("/api/freezes/" + freeze.get("id")))
          .header("Authorization", "Bearer " + RunningWorker.tokenOf("alice")).DELETE()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFreezeIsPlacedListedAndLiftedFromChatAsTheMappedSpeaker() {
    Instant before = Instant.now();
    HttpResponse<String> frozen = chat("freeze holiday code freeze --until 2h --app shop-api,web", "carol");
    Instant after = Instant.now();

    assertThat(frozen.statusCode()).isEqualTo(200);
    assertThat(reply(frozen)).containsEntry("response_type", "in_channel");
    String id = freezeId(frozen);
    assertThat(text(frozen)).startsWith("carol stopped the line: " + id + " (holiday code freeze, by carol, until ")
        .endsWith(") holds shop-api, web before the next production step. Lift it: /deploy unfreeze " + id);
    // The calendar holds it as carol (user_id UCAROL; the display name says something else).
    List<Map<String, Object>> active = freezes();
    assertThat(active).singleElement().satisfies(f -> {
      assertThat(f).containsEntry("id", id).containsEntry("by", "carol").containsEntry("reason", "holiday code freeze")
          .containsEntry("applications", List.of("shop-api", "web"));
      Instant until = Instant.parse((String) f.get("until"));
      assertThat(until).isBetween(before.plus(Duration.ofHours(2)).minusSeconds(1), after.plus(Duration.ofHours(2)));
    });

    HttpResponse<String> listed = chat("freezes", "bob");
    assertThat(reply(listed)).containsEntry("response_type", "ephemeral");
    assertThat(text(listed)).startsWith("*1 active freeze*\n• " + id + " holds shop-api, web since ")
        .contains(", by carol: holiday code freeze");

    HttpResponse<String> noSuch = chat("unfreeze freeze-999", "bob");
    assertThat(reply(noSuch)).containsEntry("response_type", "ephemeral");
    assertThat(text(noSuch)).isEqualTo(":no_entry: unfreeze refused: there is no active freeze 'freeze-999'; active: " + id);

    HttpResponse<String> lifted = chat("unfreeze " + id, "bob");
    assertThat(reply(lifted)).containsEntry("response_type", "in_channel");
    assertThat(text(lifted)).startsWith("bob lifted " + id + " (holiday code freeze, by carol, until ");
    assertThat(freezes()).isEmpty();
    assertThat(text(chat("freezes", "bob"))).isEqualTo("No active freeze: nothing stops the line.");
  }

  @Test
  void aBreakGlassFromChatLetsTheHeldHotfixPassAndIsRecorded() throws Exception {
    String id = freezeId(chat("freeze payment provider incident --app hotfix-api", "bob"));
    HttpResponse<String> started = worker.postJson("/api/releases",
        "{\"application\":\"hotfix-api\",\"version\":\"1.0.1\",\"kind\":\"hotfix\",\"requestedBy\":\"alice\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    awaitStatus("\"name\":\"production\",\"kind\":\"approval\",\"state\":\"waiting\"");
    assertThat(text(chat("approve hotfix-api", "bob"))).startsWith("bob approved *hotfix-api 1.0.1*");
    awaitStatus("held by freeze " + id);

    // An unmapped Slack user is refused before anything reaches the release.
    HttpResponse<String> stranger = chatAs("UMALLORY", "breakglass hotfix-api trust me");
    assertThat(text(stranger)).startsWith(":no_entry: Nothing was done: Slack user UMALLORY is not mapped");
    // The requester is no approver of her own hotfix: the release's own words.
    HttpResponse<String> requester = chat("breakglass hotfix-api the shop is down", "alice");
    assertThat(reply(requester)).containsEntry("response_type", "ephemeral");
    assertThat(text(requester)).startsWith(":no_entry: breakGlass of hotfix-api refused: alice may not break the glass"
        + " for hotfix-api 1.0.1: ");
    assertThat(status()).contains("held by freeze " + id).doesNotContain("broke the glass");

    HttpResponse<String> broken = chat("breakglass hotfix-api checkout down since 09:00 (INC-7)", "carol");
    assertThat(reply(broken)).containsEntry("response_type", "in_channel");
    assertThat(text(broken)).startsWith("carol broke the glass (checkout down since 09:00 (INC-7)) for *hotfix-api 1.0.1*");

    awaitStatus("\"state\":\"done\"", "\"outcome\":\"succeeded\"");
    String recorded = "broke the glass: the hotfix passes freeze " + id + " (payment provider incident, by bob,"
        + " until unfrozen): checkout down since 09:00 (INC-7)";
    assertThat(status()).contains("\"event\":\"" + recorded + "\",\"by\":\"carol\"");
    assertThat(Files.readString(baseDir.resolve("var/release-log.jsonl"))).contains(recorded);
    // The glass was broken for this hotfix only: the freeze still holds everyone else.
    assertThat(freezes()).extracting(f -> f.get("id")).containsExactly(id);
  }

  @Test
  void anUnmappedUserGetsNothingDone() {
    HttpResponse<String> refused = chatAs("UEVE", "freeze everything stops now");

    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(reply(refused)).containsEntry("response_type", "ephemeral");
    assertThat(text(refused)).startsWith(":no_entry: Nothing was done: Slack user UEVE is not mapped");
    assertThat(freezes()).isEmpty();
    String id = freezeId(chat("freeze release train paused", "alice"));
    assertThat(text(chatAs("UEVE", "unfreeze " + id))).startsWith(":no_entry: Nothing was done");
    assertThat(freezes()).extracting(f -> f.get("id")).containsExactly(id);
  }

  @Test
  void hostileTextIsRefusedByTheInputRulesOrShownEscaped() {
    HttpResponse<String> markup = chat("freeze <!channel> *stop* `now` <https://evil.example|docs> & ~more~", "bob");
    String id = freezeId(markup);
    String escaped = "&lt;!channel&gt; \u2217stop\u2217 \u02CBnow\u02CB &lt;https://evil.example|docs&gt; &amp; \u223Cmore\u223C";
    assertThat(text(markup)).contains(id + " (" + escaped + ", by bob, until unfrozen)").doesNotContain("<!channel>");
    assertThat(text(chat("freezes", "carol"))).contains("by bob: " + escaped).doesNotContain("<");
    // The calendar keeps the reason as typed; only the chat reply escapes it.
    assertThat(freezes()).singleElement().satisfies(f -> assertThat(f.get("reason"))
        .isEqualTo("<!channel> *stop* `now` <https://evil.example|docs> & ~more~"));

    assertThat(text(chat("freeze ring the bell\u0007 now", "bob"))).startsWith(":no_entry: invalid message: reason: ")
        .contains("control character");
    assertThat(text(chat("freeze " + "x".repeat(1_001), "bob")))
        .isEqualTo(":no_entry: invalid message: reason: is 1001 characters long; at most 1000 are allowed");
    assertThat(text(chat("freeze stop --app Shop;rm", "bob"))).startsWith(":no_entry: invalid message: applications[0]: ");
    assertThat(text(chat("freeze stop --until 2020-01-01T00:00:00Z", "bob")))
        .startsWith(":no_entry: freeze refused: until: 2020-01-01T00:00:00Z is in the past");
    assertThat(text(chat("freeze stop --until <!here>", "bob")))
        .startsWith("--until '&lt;!here&gt;' is neither an instant such as 2026-12-24T00:00:00Z nor a duration such as 2h\n");
    assertThat(text(chat("unfreeze <@U0ADMIN>", "bob"))).startsWith(":no_entry: invalid message: id: ")
        .doesNotContain("<@U0ADMIN>");
    // A release that does not exist: nothing to break the glass for, and the reason is not echoed raw.
    HttpResponse<String> glass = chat("breakglass ghost-app <!channel> *urgent*", "bob");
    assertThat(text(glass)).startsWith(":grey_question: ").doesNotContain("<!channel>");
    // Nothing but the first freeze was placed.
    assertThat(freezes()).extracting(f -> f.get("id")).containsExactly(id);
  }

  private static HttpResponse<String> chat(String text, String user) {
    return chatAs(RunningWorker.slackUserId(user), text);
  }

  /** A slash command signed with the worker's secret now, from Slack user {@code userId}. */
  private static HttpResponse<String> chatAs(String userId, String text) {
    String body = "token=t&command=%2Fdeploy&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
        + "&user_id=" + userId + "&user_name=someone-else"
        // Slack gives every command its own trigger id; the same command twice in a second is two requests.
        + "&trigger_id=" + TRIGGERS.incrementAndGet();
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    String signature = SlackSignatureVerifier.sign(
        RunningWorker.SIGNING_SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8));
    return worker.send(HttpRequest.newBuilder(worker.uri("/api/chat/slack"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Map<String, Object> reply(HttpResponse<String> response) {
    return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {});
  }

  private static String text(HttpResponse<String> response) {
    return String.valueOf(reply(response).get("text"));
  }

  private static String freezeId(HttpResponse<String> response) {
    Matcher id = FREEZE_ID.matcher(text(response));
    assertThat(id.find()).as("a freeze id in " + response.body()).isTrue();
    return id.group();
  }

  private static List<Map<String, Object>> freezes() {
    HttpResponse<String> listed = worker.get("/api/freezes");
    assertThat(listed.statusCode()).isEqualTo(200);
    return JSON.readValue(listed.body(), new TypeReference<List<Map<String, Object>>>() {});
  }

  private static String status() {
    return worker.get("/api/releases/hotfix-api").body();
  }

  private static void awaitStatus(String... fragments) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(status()).contains(fragments));
  }
}
