package dev.deployflow.worker.chat;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.worker.Statuses;
import dev.deployflow.worker.config.DeployflowProperties;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The chat endpoint end to end above the release client: signature first, then the command,
 * then a Slack reply that says what happened or why not.
 */
class SlackCommandControllerTest {
  private static final String SECRET = "chat-secret";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private final ReleaseClient releases = mock(ReleaseClient.class);
  private final MockMvc mvc = mvcWithSecret(SECRET);

  @Test
  void withoutASigningSecretTheEndpointIs503AndSaysWhy() throws Exception {
    mvcWithSecret(null)
        .perform(signed(SECRET, "approve shop-api", "bob"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.text").value(Matchers.containsString("no signing secret")));
    verifyNoInteractions(releases);
  }

  @Test
  void aRequestSignedWithAnotherSecretIsRefused() throws Exception {
    mvc.perform(signed("not-the-secret", "approve shop-api", "bob"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.text").value("Request refused: the signature does not match."));
    verifyNoInteractions(releases);
  }

  @Test
  void anUnsignedRequestIsRefused() throws Exception {
    mvc.perform(
            post("/api/chat/slack")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("command=%2Fdeploy&text=approve+shop-api&user_name=bob"))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(releases);
  }

  @Test
  void anApprovalIsSentAsTheSlackUserAndAnnouncedInTheChannel() throws Exception {
    when(releases.approve(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    mvc.perform(signed(SECRET, "approve shop-api ship it", "bob"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("in_channel"))
        .andExpect(
            jsonPath("$.text")
                .value(
                    "bob approved *shop-api 1.2.0* — phase production_rollout, running: canary 10%"));

    verify(releases).approve("shop-api", new ApproveMessage("bob", null, "ship it"));
  }

  @Test
  void aRefusalIsToldOnlyToTheSenderWithTheValidatorsWords() throws Exception {
    when(releases.approve(eq("shop-api"), any()))
        .thenThrow(
            new MessageRefusedException(
                "approve", "mallory is not an approver of gate production (bob, carol)", null));

    mvc.perform(signed(SECRET, "approve shop-api", "mallory"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(
            jsonPath("$.text")
                .value(
                    ":no_entry: approve of shop-api refused: mallory is not an approver of gate"
                        + " production (bob, carol)"));
  }

  @Test
  void rollbackCarriesLevelAndReason() throws Exception {
    when(releases.rollback(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    mvc.perform(signed(SECRET, "rollback shop-api full checkout broken", "carol"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.text").value(Matchers.startsWith("carol asked for a full rollback of")));

    verify(releases)
        .rollback("shop-api", new RollbackMessage("carol", "checkout broken", RollbackLevel.FULL));
  }

  @Test
  void statusShowsTheGateAndWhoMayApprove() throws Exception {
    when(releases.status("shop-api")).thenReturn(Statuses.waitingForApproval());

    mvc.perform(signed(SECRET, "status shop-api", "bob"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(
            jsonPath("$.text")
                .value(
                    Matchers.containsString(
                        "gate production: waiting, 0/1 approvals (approvers: bob, carol)")));
  }

  @Test
  void anUnknownReleaseAndAnUnknownVerbAreExplained() throws Exception {
    when(releases.status("ghost"))
        .thenThrow(new ReleaseNotFoundException("ghost", "deploy-ghost", new RuntimeException()));

    mvc.perform(signed(SECRET, "status ghost", "bob"))
        .andExpect(jsonPath("$.text").value(Matchers.containsString("no release of ghost found")));
    mvc.perform(signed(SECRET, "ship shop-api", "bob"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(jsonPath("$.text").value(Matchers.containsString("unknown verb 'ship'")))
        .andExpect(jsonPath("$.text").value(Matchers.containsString(ChatCommandParser.USAGE)));
  }

  @Test
  void anUnreachableTemporalIsReportedWithoutDetails() throws Exception {
    when(releases.pause(eq("shop-api"), any()))
        .thenThrow(new StatusRuntimeException(Status.UNAVAILABLE.withDescription("10.0.0.7:7233")));

    mvc.perform(signed(SECRET, "pause shop-api", "bob"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.text")
                .value(":warning: deployflow cannot reach Temporal right now; nothing was done."
                    + " Try again."));
  }

  private MockMvc mvcWithSecret(String secret) {
    DeployflowProperties properties =
        new DeployflowProperties(
            "deployments", Path.of("."), Path.of("."), Path.of("log"), Path.of("pm"), Map.of(),
            1024, Duration.ofSeconds(10),
            new DeployflowProperties.Embedded(0),
            new DeployflowProperties.Http(Duration.ofSeconds(1), Duration.ofSeconds(1)),
            new DeployflowProperties.Chat(secret, Duration.ofMinutes(5)),
            new DeployflowProperties.Shutdown(Duration.ofSeconds(1)));
    SlackCommandController controller =
        new SlackCommandController(
            properties, new ChatCommandHandler(releases), Clock.fixed(NOW, ZoneOffset.UTC));
    return MockMvcBuilders.standaloneSetup(controller).build();
  }

  private static org.springframework.test.web.servlet.RequestBuilder signed(
      String secret, String text, String user) {
    String body =
        "token=t&team_id=T1&command=%2Fdeploy&text="
            + URLEncoder.encode(text, StandardCharsets.UTF_8)
            + "&user_name=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
    String timestamp = Long.toString(NOW.getEpochSecond());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return post("/api/chat/slack")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", SlackSignatureVerifier.sign(secret, timestamp, bytes))
        .content(bytes);
  }
}
