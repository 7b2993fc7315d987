package dev.deployflow.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import java.util.List;

/**
 * A notification as a Slack Block Kit message that a person reads on a phone: a header naming
 * the release and what happened, a section of fields (release, version, phase, event), the
 * message, who must act and the exact command and chat text to do it, the plan link, version
 * diff and changes when the notification carries them, and a context line.
 *
 * <p>Slack's limits hold whatever the input: at most {@value #MAX_BLOCKS} blocks, a header of at
 * most {@value #MAX_HEADER} characters, section texts of at most {@value #MAX_TEXT} and fields of
 * at most {@value #MAX_FIELD}. Every echoed value is escaped ({@code & < >}) before it is cut, and
 * a cut never splits an escape.
 */
final class SlackMessage {
  static final int MAX_BLOCKS = 50;
  static final int MAX_HEADER = 150;
  static final int MAX_TEXT = 3000;
  static final int MAX_FIELD = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackMessage() {}

  static ObjectNode render(NotifyRequest r, NotificationDetails details) {
    ObjectNode body = JSON.createObjectNode();
    body.put("text", fit(fallbackText(r), MAX_TEXT));
    ArrayNode blocks = body.putArray("blocks");

    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("emoji", true)
        .put("text", fit(nonNull(r.application()) + " " + nonNull(r.version()) + " — " + readable(r.event()), MAX_HEADER));

    ObjectNode facts = blocks.addObject().put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    field(fields, "*Release*\n" + fit(r.application(), MAX_FIELD - 20));
    String version = "`" + fit(r.version(), 200) + "`";
    if (details.previousVersion() != null && !details.previousVersion().equals(r.version())) {
      version = "`" + fit(details.previousVersion(), 200) + "` → " + version;
    }
    field(fields, "*Version*\n" + version);
    field(fields, "*Phase*\n" + fit(r.phase(), 200));
    field(fields, "*Event*\n`" + fit(r.event(), 200) + "`");

    if (present(r.message())) {
      section(blocks, fit(r.message(), MAX_TEXT));
    }

    String who = whoMustAct(r.event());
    if (who != null || present(r.approveCommand()) || present(r.chatCommand())) {
      StringBuilder act = new StringBuilder("*Who must act:* ").append(who == null ? "see above" : who);
      if (present(r.approveCommand())) {
        act.append("\n*Command line:*\n```").append(fit(r.approveCommand(), 1000)).append("```");
      }
      if (present(r.chatCommand())) {
        act.append("\n*In chat:* `").append(fit(r.chatCommand(), 500)).append('`');
      }
      section(blocks, act.toString());
    } else {
      section(blocks, "*Who must act:* nobody — this is for your information.");
    }

    String plan = details.safePlanUrl();
    if (plan != null) {
      section(blocks, "*Plan:* <" + linkTarget(plan) + "|the plan and the version diff of this release>");
    }
    if (r.planSummary() != null && !r.planSummary().isBlank()) {
      section(blocks, "*Plan:* " + fit(r.planSummary(), 1000));
    }
    list(blocks, "*Version diff*", details.versionDiff());
    list(blocks, "*Changes*", details.changes());

    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn")
        .put("text", "deployflow · " + fit(r.application(), 200) + " · event `" + fit(r.event(), 100)
            + "` · phase `" + fit(r.phase(), 100) + "`");
    return body;
  }

  /** Who a notification asks to do something, or null when it asks nobody. */
  static String whoMustAct(String event) {
    if (event == null) {
      return null;
    }
    return switch (event) {
      case "awaiting_approval", "approval_reminder" ->
          "one of the gate's approvers (not the requester): approve, or reject with a reason";
      case "awaiting_decision", "decision_needed" ->
          "an approver or operator: promote to continue, or roll back";
      case "failed" -> "the release's operators: read the post-mortem and the timeline";
      default -> null;
    };
  }

  /** One block per list, its lines cut so that the block stays within the text limit. */
  private static void list(ArrayNode blocks, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(title);
    int shown = 0;
    for (String line : lines) {
      String item = "\n• " + fit(line, 500);
      if (text.length() + item.length() > MAX_TEXT - 40) {
        break;
      }
      text.append(item);
      shown++;
    }
    if (shown < lines.size()) {
      text.append("\n…and ").append(lines.size() - shown).append(" more");
    }
    section(blocks, text.toString());
  }

  private static void section(ArrayNode blocks, String markdown) {
    ObjectNode section = blocks.addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", markdown);
  }

  private static void field(ArrayNode fields, String markdown) {
    fields.addObject().put("type", "mrkdwn").put("text", markdown);
  }

  /** The plain text shown where blocks are not: it must carry the whole message on its own. */
  private static String fallbackText(NotifyRequest r) {
    StringBuilder text = new StringBuilder()
        .append(nonNull(r.application())).append(' ').append(nonNull(r.version())).append(": ")
        .append(readable(r.event())).append(" (phase ").append(nonNull(r.phase())).append(')');
    if (present(r.message())) {
      text.append(" — ").append(r.message());
    }
    if (present(r.approveCommand())) {
      text.append(" Command: ").append(r.approveCommand());
    }
    if (present(r.chatCommand())) {
      text.append(" or in chat: ").append(r.chatCommand());
    }
    return text.toString();
  }

  /**
   * {@code text} escaped for mrkdwn and cut to {@code limit} characters, ending in "…" when cut;
   * an escape such as {@code &amp;} is never split.
   */
  static String fit(String text, int limit) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      String unit = switch (text.charAt(i)) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        default -> String.valueOf(text.charAt(i));
      };
      if (out.length() + unit.length() > limit - (i == text.length() - 1 ? 0 : 1)) {
        return out.append('…').toString();
      }
      out.append(unit);
    }
    return out.toString();
  }

  /** A URL inside {@code <url|label>}: its markup characters escaped or encoded. */
  private static String linkTarget(String url) {
    return fit(url.replace("|", "%7C"), 1500);
  }

  static String readable(String event) {
    return event == null ? "update" : event.replace('_', ' ');
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
