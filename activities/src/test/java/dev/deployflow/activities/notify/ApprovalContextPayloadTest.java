package dev.deployflow.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import dev.deployflow.model.PlanPreview.VersionChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An approval request's payloads carry the plan summary, the changes and the version diff. */
class ApprovalContextPayloadTest {
  private static final NotifyRequest APPROVAL = new NotifyRequest("awaiting_approval", "shop", "1.2.0", "approval",
      "shop 1.2.0 is ready for production", "deployflow approve shop --by <your-name>", "/deploy approve shop",
      List.of(), Map.of(), List.of("faster <checkout>"),
      List.of(new VersionChange("api", "staging", "1.1.0", "1.2.0"), new VersionChange("web", "staging", null, "1.2.0")),
      "shop 1.2.0: api, web to staging, production; at least 20s");

  @Test
  void jsonCarriesTheContextAsData() throws Exception {
    JsonNode body = new ObjectMapper().readTree(NotificationPayloads.body(NotificationPayloads.Format.JSON, APPROVAL));
    assertThat(body.get("planSummary").asText()).isEqualTo("shop 1.2.0: api, web to staging, production; at least 20s");
    assertThat(body.get("changes").toString()).isEqualTo("[\"faster <checkout>\"]");
    assertThat(body.get("diff").toString()).isEqualTo("[{\"component\":\"api\",\"environment\":\"staging\","
        + "\"live\":\"1.1.0\",\"candidate\":\"1.2.0\"},{\"component\":\"web\",\"environment\":\"staging\","
        + "\"live\":null,\"candidate\":\"1.2.0\"}]");
  }

  @Test
  void slackShowsTheContextEscapedAfterWhoMustAct() throws Exception {
    JsonNode body = new ObjectMapper().readTree(NotificationPayloads.body(NotificationPayloads.Format.SLACK, APPROVAL));
    String blocks = body.get("blocks").toString();
    // Block Kit sections (SlackMessage): the plan summary, the version diff and the changes, escaped.
    assertThat(blocks).contains("*Plan:* shop 1.2.0: api, web to staging, production; at least 20s")
        .contains("*Changes*\\n• faster &lt;checkout&gt;")
        .contains("*Version diff*\\n• api: 1.1.0 → 1.2.0 in staging\\n• web: (none) → 1.2.0 in staging")
        .doesNotContain("<checkout>");
    assertThat(blocks.indexOf("*Who must act:*")).isLessThan(blocks.indexOf("*Plan:*"));
  }

  @Test
  void otherEventsHaveEmptyContext() throws Exception {
    NotifyRequest started = new NotifyRequest("started", "shop", "1.2.0", "preparation", "started", null, null,
        List.of(), Map.of());
    JsonNode body = new ObjectMapper().readTree(NotificationPayloads.body(NotificationPayloads.Format.JSON, started));
    assertThat(body.get("changes").isEmpty()).isTrue();
    assertThat(body.get("diff").isEmpty()).isTrue();
    assertThat(body.get("planSummary").isNull()).isTrue();
    assertThat(NotificationPayloads.body(NotificationPayloads.Format.SLACK, started)).doesNotContain("Plan:");
  }
}
