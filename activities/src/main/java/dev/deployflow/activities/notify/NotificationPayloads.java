package dev.deployflow.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the body of a notification in one of the two supported formats. Pure, so the payloads
 * are tested without a server.
 *
 * <ul>
 *   <li>{@code slack}: {@code text} (the fallback that phones and older clients show) plus
 *       {@code blocks}: a section naming application, version and phase, a section with the
 *       approve commands in code formatting when the release waits for approval, and a context
 *       line with the event. Slack, Mattermost and Rocket.Chat accept this shape.
 *   <li>{@code json}: a flat object with {@code event}, {@code application}, {@code version},
 *       {@code phase}, {@code message}, {@code approveCommand}, {@code chatCommand}, and for an
 *       approval request its context {@code changes}, {@code diff} and {@code planSummary}, every key
 *       always present (null when unset) so that scripts can rely on the shape.
 * </ul>
 */
final class NotificationPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationPayloads() {}

  /** The formats this notifier speaks. */
  enum Format {
    SLACK,
    JSON;

    /** The format a target asks for; slack when it names none; null when it is unknown. */
    static Format of(String name) {
      if (name == null || name.isBlank()) {
        return SLACK;
      }
      return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "slack" -> SLACK;
        case "json" -> JSON;
        default -> null;
      };
    }
  }

  static String body(Format format, NotifyRequest request) {
    return (format == Format.SLACK ? slack(request) : json(request)).toString();
  }

  static ObjectNode json(NotifyRequest r) {
    ObjectNode body = JSON.createObjectNode();
    body.put("event", r.event());
    body.put("application", r.application());
    body.put("version", r.version());
    body.put("phase", r.phase());
    body.put("message", r.message());
    body.put("approveCommand", r.approveCommand());
    body.put("chatCommand", r.chatCommand());
    // The approval context: what is being approved (empty lists and null for other events).
    ArrayNode changes = body.putArray("changes");
    if (r.changes() != null) {
      r.changes().forEach(changes::add);
    }
    ArrayNode diff = body.putArray("diff");
    if (r.diff() != null) {
      r.diff().forEach(d -> diff.addObject().put("component", d.component()).put("environment", d.environment())
          .put("live", d.live()).put("candidate", d.candidate()));
    }
    body.put("planSummary", r.planSummary());
    return body;
  }

  static ObjectNode slack(NotifyRequest r) {
    ObjectNode body = JSON.createObjectNode();
    body.put("text", fallbackText(r));
    ArrayNode blocks = body.putArray("blocks");

    StringBuilder headline = new StringBuilder()
        .append('*').append(escape(r.application())).append("* `").append(escape(r.version()))
        .append("` — ").append(escape(readable(r.event())))
        .append(" (phase: ").append(escape(r.phase())).append(')');
    if (present(r.message())) {
      headline.append('\n').append(escape(r.message()));
    }
    blocks.add(section(headline.toString()));

    String approval = approvalContext(r);
    if (!approval.isEmpty()) {
      blocks.add(section(escape(approval)));
    }

    if (present(r.approveCommand()) || present(r.chatCommand())) {
      StringBuilder approve = new StringBuilder("To approve:");
      if (present(r.approveCommand())) {
        approve.append("\n```").append(escape(r.approveCommand())).append("```");
      }
      if (present(r.chatCommand())) {
        approve.append("\nIn chat: `").append(escape(r.chatCommand())).append('`');
      }
      blocks.add(section(approve.toString()));
    }

    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject()
        .put("type", "mrkdwn")
        .put("text", "deployflow · event `" + escape(r.event()) + "` · phase `" + escape(r.phase()) + "`");
    return body;
  }

  /** The plain text shown where blocks are not: it must carry the whole message on its own. */
  private static String fallbackText(NotifyRequest r) {
    StringBuilder text = new StringBuilder()
        .append(r.application()).append(' ').append(r.version()).append(": ")
        .append(readable(r.event())).append(" (phase ").append(r.phase()).append(')');
    if (present(r.message())) {
      text.append(" — ").append(r.message());
    }
    String context = approvalContext(r);
    if (!context.isEmpty()) {
      text.append(' ').append(context.replace('\n', ' '));
    }
    if (present(r.approveCommand())) {
      text.append(" Approve: ").append(r.approveCommand());
    }
    if (present(r.chatCommand())) {
      text.append(" or in chat: ").append(r.chatCommand());
    }
    return escape(text.toString());
  }

  /** The plan, the changes and the version diff of an approval request, one per line; empty otherwise. */
  static String approvalContext(NotifyRequest r) {
    List<String> lines = new ArrayList<>();
    if (present(r.planSummary())) {
      lines.add("Plan: " + r.planSummary());
    }
    if (r.changes() != null && !r.changes().isEmpty()) {
      lines.add("Changes: " + String.join("; ", r.changes()));
    }
    if (r.diff() != null && !r.diff().isEmpty()) {
      lines.add("Versions: " + String.join("; ", r.diff().stream().map(d -> d.describe()).toList()));
    }
    return String.join("\n", lines);
  }

  private static ObjectNode section(String markdown) {
    ObjectNode section = JSON.createObjectNode().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", markdown);
    return section;
  }

  private static String readable(String event) {
    return event == null ? "update" : event.replace('_', ' ');
  }

  /** Slack's three control characters; everything else is literal in mrkdwn. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
