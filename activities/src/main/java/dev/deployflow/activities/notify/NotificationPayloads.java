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
 *       Block Kit {@code blocks}, see {@link SlackMessage}. Slack, Mattermost and Rocket.Chat
 *       accept this shape.
 *   <li>{@code json}: a flat object with {@code event}, {@code application}, {@code version},
 *       {@code phase}, {@code message}, {@code approveCommand}, {@code chatCommand},
 *       {@code previousVersion}, {@code planUrl}, {@code versionDiff}, {@code changes}, and for an approval
 *       request {@code diff} and {@code planSummary}, every
 *       key always present (null or empty when unset) so that scripts can rely on the shape.
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
    NotificationDetails details = NotificationDetails.of(r);
    body.put("previousVersion", details.previousVersion());
    body.put("planUrl", details.safePlanUrl());
    details.versionDiff().forEach(body.putArray("versionDiff")::add);
    details.changes().forEach(body.putArray("changes")::add);
    // The approval context of an approval request: the version diff as data and the plan's summary.
    ArrayNode diff = body.putArray("diff");
    if (r.diff() != null) {
      r.diff().forEach(d -> diff.addObject().put("component", d.component()).put("environment", d.environment())
          .put("live", d.live()).put("candidate", d.candidate()));
    }
    body.put("planSummary", r.planSummary());
    return body;
  }

  static ObjectNode slack(NotifyRequest r) {
    return SlackMessage.render(r, NotificationDetails.of(r));
  }
}
