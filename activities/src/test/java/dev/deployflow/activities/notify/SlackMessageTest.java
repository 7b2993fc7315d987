package dev.deployflow.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every notification kind rendered as Slack blocks, with ordinary and with hostile values: the
 * message stays inside Slack's limits (50 blocks, 3,000 characters per text, 150 per header,
 * 2,000 per field), every echoed value is escaped, and a notification that asks someone to act
 * says who and gives the exact command and chat text.
 */
class SlackMessageTest {
  /** The events of the workflow's Notifier and the release outcomes. */
  private static final List<String> KINDS = List.of(
      "started", "awaiting_approval", "approval_reminder", "awaiting_decision", "announcement",
      "succeeded", "rolled_back", "failed", "rejected", "aborted");
  private static final String APPROVE = "deployflow approve demo-shop --by <approver>";
  private static final String CHAT = "/deploy approve demo-shop";
  /** The one markup the renderer itself writes: a link {@code <url|label>}. */
  private static final Pattern OWN_LINK = Pattern.compile("<https?://[^|<>\\s]+\\|[^<>]+>");

  private static NotifyRequest request(String event, String message, boolean asks) {
    return new NotifyRequest(event, "demo-shop", "1.2.0", "approval", message,
        asks ? APPROVE : null, asks ? CHAT : null, List.of(), Map.of("previousVersion", "1.1.0"));
  }

  private static NotificationDetails hostileDetails() {
    List<String> changes = IntStream.range(0, 100)
        .mapToObj(i -> "change " + i + " <b>&amp; " + "x&<>".repeat(70)).toList();
    List<String> diff = IntStream.range(0, 60)
        .mapToObj(i -> "component-" + i + " production: 1.1.0 → 1.2.0 <@U123> & more").toList();
    return new NotificationDetails("1.1.0", "https://ci.example.com/plan?app=demo-shop&v=1.2.0|x", diff, changes);
  }

  static List<String> kinds() {
    return KINDS;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyKindStaysInsideSlacksLimitsAndEscapesEveryValue(String event) {
    boolean asks = event.startsWith("awaiting") || event.equals("approval_reminder");
    String hostile = "<!channel> ship it & <https://evil.example|click> " + "&<>".repeat(2000);
    for (NotifyRequest request : List.of(request(event, "demo-shop 1.2.0: " + event, asks), request(event, hostile, asks))) {
      for (NotificationDetails details : List.of(NotificationDetails.of(request), hostileDetails())) {
        ObjectNode message = SlackMessage.render(request, details);
        checkLimits(message);
        checkEscaped(message);
      }
    }
  }

  @Test
  void anApprovalRequestSaysWhoMustActWithTheExactCommandsAndTheirPlanLink() {
    NotifyRequest request = request("awaiting_approval", "needs 1 approval(s) from bob, carol", true);
    NotificationDetails details = new NotificationDetails("1.1.0", "https://ci.example.com/plan/demo-shop?v=1.2.0&x=1",
        List.of("api production: 1.1.0 → 1.2.0"), List.of("Fix 'Profile Edit' crash"));
    JsonNode blocks = SlackMessage.render(request, details).path("blocks");

    assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("demo-shop 1.2.0 — awaiting approval");
    List<String> fields = new ArrayList<>();
    blocks.get(1).path("fields").forEach(f -> fields.add(f.path("text").asText()));
    assertThat(fields).containsExactly("*Release*\ndemo-shop", "*Version*\n`1.1.0` → `1.2.0`",
        "*Phase*\napproval", "*Event*\n`awaiting_approval`");
    String all = texts(blocks);
    assertThat(all).contains("*Who must act:* one of the gate's approvers");
    assertThat(all).contains("```deployflow approve demo-shop --by &lt;approver&gt;```");
    assertThat(all).contains("*In chat:* `/deploy approve demo-shop`");
    assertThat(all).contains("<https://ci.example.com/plan/demo-shop?v=1.2.0&amp;x=1|");
    assertThat(all).contains("• api production: 1.1.0 → 1.2.0", "• Fix 'Profile Edit' crash");
  }

  @Test
  void aNotificationForInformationSaysNobodyMustActAndOffersNoLinkItWasNotGiven() {
    JsonNode blocks = SlackMessage.render(request("succeeded", "released", false), NotificationDetails.NONE).path("blocks");
    String all = texts(blocks);
    assertThat(all).contains("*Who must act:* nobody").doesNotContain("Plan:", "```", "Changes");
    assertThat(all).contains("*Version*\n`1.2.0`");
  }

  @Test
  void aPlanLinkThatIsNotHttpIsNotOffered() {
    NotificationDetails details = new NotificationDetails(null, "javascript:alert(1)", List.of(), List.of());
    assertThat(texts(SlackMessage.render(request("awaiting_approval", "m", true), details).path("blocks")))
        .doesNotContain("Plan:", "javascript");
  }

  @Test
  void longListsAreCutWithACount() {
    JsonNode blocks = SlackMessage.render(request("awaiting_approval", "m", true), hostileDetails()).path("blocks");
    assertThat(texts(blocks)).containsPattern("…and \\d+ more");
  }

  @Test
  void fitNeverSplitsAnEscape() {
    assertThat(SlackMessage.fit("a&b", 10)).isEqualTo("a&amp;b");
    assertThat(SlackMessage.fit("&&&&", 8)).isEqualTo("&amp;…");
    assertThat(SlackMessage.fit("abc", 3)).isEqualTo("abc");
    assertThat(SlackMessage.fit("abcd", 3)).isEqualTo("ab…");
  }

  private static void checkLimits(JsonNode message) {
    JsonNode blocks = message.path("blocks");
    assertThat(blocks.size()).isBetween(1, SlackMessage.MAX_BLOCKS);
    assertThat(message.path("text").asText().length()).isLessThanOrEqualTo(SlackMessage.MAX_TEXT);
    for (JsonNode block : blocks) {
      switch (block.path("type").asText()) {
        case "header" -> {
          assertThat(block.path("text").path("type").asText()).isEqualTo("plain_text");
          assertThat(block.path("text").path("text").asText().length()).isBetween(1, SlackMessage.MAX_HEADER);
        }
        case "section" -> {
          if (block.has("text")) {
            assertThat(block.path("text").path("text").asText().length()).isBetween(1, SlackMessage.MAX_TEXT);
          }
          assertThat(block.path("fields").size()).isLessThanOrEqualTo(10);
          block.path("fields").forEach(f ->
              assertThat(f.path("text").asText().length()).isBetween(1, SlackMessage.MAX_FIELD));
        }
        case "context" -> {
          assertThat(block.path("elements").size()).isBetween(1, 10);
          block.path("elements").forEach(e ->
              assertThat(e.path("text").asText().length()).isBetween(1, SlackMessage.MAX_TEXT));
        }
        default -> throw new AssertionError("unexpected block " + block);
      }
    }
  }

  /** No raw {@code < >} but the renderer's own links, and every {@code &} starts an escape. */
  private static void checkEscaped(JsonNode message) {
    List<String> texts = new ArrayList<>();
    texts.add(message.path("text").asText());
    collectTexts(message.path("blocks"), texts);
    for (String text : texts) {
      String withoutOwnLinks = OWN_LINK.matcher(text).replaceAll("");
      assertThat(withoutOwnLinks).as(text).doesNotContain("<", ">");
      assertThat(withoutOwnLinks.replaceAll("&(amp|lt|gt);", "")).as(text).doesNotContain("&");
    }
  }

  private static void collectTexts(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode text = node.path("text");
      if (text.isTextual()) {
        out.add(text.asText());
      }
      node.elements().forEachRemaining(child -> collectTexts(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectTexts(child, out));
    }
  }

  private static String texts(JsonNode blocks) {
    List<String> out = new ArrayList<>();
    collectTexts(blocks, out);
    return String.join("\n", out);
  }
}
