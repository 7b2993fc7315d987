package dev.deployflow.worker.chat;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
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
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.worker.Statuses;
import dev.deployflow.worker.config.DeployflowProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
  private static final String TEAM = "T1";
  private static final String USERS = "UBOB:bob,UCAROL:carol,UMALLORY:mallory";

  private final ReleaseClient releases = mock(ReleaseClient.class);
  private final MutableClock clock = new MutableClock(NOW);
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
                .content(body(TEAM, "UBOB", "approve shop-api")))
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
  void transportFailuresAreToldToTheSenderAndNothingWasDone() throws Exception {
    when(releases.approve(eq("shop-api"), any()))
        .thenThrow(new dev.deployflow.client.TemporalUnavailableException(
            "127.0.0.1:7233", "connection refused", new RuntimeException()));
    when(releases.pause(eq("shop-api"), any()))
        .thenThrow(new dev.deployflow.client.TemporalAccessDeniedException(
            "127.0.0.1:7233", "missing API key", new RuntimeException()));

    mvc.perform(signed(SECRET, "approve shop-api", "bob"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(jsonPath("$.text").value(
            ":warning: deployflow cannot reach Temporal right now; nothing was done. Try again."));
    mvc.perform(signed(SECRET, "pause shop-api", "bob"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(jsonPath("$.text").value(
            ":warning: Temporal refused deployflow's credentials; nothing was done. Tell the worker's operator."));
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
        .andExpect(
            jsonPath("$.text")
                .value(Matchers.containsString(SlackText.escape(ChatCommandParser.USAGE))));
  }

  @Test
  void anUnreachableTemporalIsReportedWithoutDetails() throws Exception {
    when(releases.pause(eq("shop-api"), any()))
        .thenThrow(new dev.deployflow.client.TemporalUnavailableException(
            "10.0.0.7:7233", "connection refused", new RuntimeException()));

    mvc.perform(signed(SECRET, "pause shop-api", "bob"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.text").value(Matchers.not(Matchers.containsString("10.0.0.7"))))
        .andExpect(
            jsonPath("$.text")
                .value(":warning: deployflow cannot reach Temporal right now; nothing was done."
                    + " Try again."));
  }

  @Test
  void theSpeakerIsTheMappedUserIdNeverTheDisplayName() throws Exception {
    when(releases.approve(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    // user_name says "someone"; the identity comes from user_id UCAROL.
    mvc.perform(signedBody(SECRET, body(TEAM, "UCAROL", "approve shop-api"), NOW))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("in_channel"));

    verify(releases).approve("shop-api", new ApproveMessage("carol", null, null));
  }

  @Test
  void aSignedRequestFromAnUnmappedUserIsRefusedAndNothingIsSent() throws Exception {
    mvc.perform(signedBody(SECRET, body(TEAM, "UEVE", "approve shop-api"), NOW))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(
            jsonPath("$.text")
                .value(
                    ":no_entry: Nothing was done: Slack user UEVE is not mapped to a deployflow"
                        + " identity. An administrator adds it to DEPLOYFLOW_CHAT_USERS"
                        + " (SLACKUSERID:identity)."));
    verifyNoInteractions(releases);
  }

  @Test
  void aSignedRequestWithoutAUserIdIsRefusedEvenWithAKnownDisplayName() throws Exception {
    String body = "token=t&team_id=T1&user_name=bob&command=%2Fdeploy&text=approve+shop-api";

    mvc.perform(signedBody(SECRET, body, NOW))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.text").value(Matchers.startsWith(":no_entry: Nothing was done")));
    verifyNoInteractions(releases);
  }

  @Test
  void aSignedRequestFromAnotherTeamIsRefusedAndNothingIsSent() throws Exception {
    mvc.perform(signedBody(SECRET, body("T666", "UBOB", "approve shop-api"), NOW))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(
            jsonPath("$.text")
                .value("Request refused: the request comes from another Slack workspace."));
    verifyNoInteractions(releases);
  }

  @Test
  void aReplayedSignedRequestIsRefusedAndSentOnlyOnce() throws Exception {
    when(releases.approve(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    String body = body(TEAM, "UBOB", "approve shop-api");

    mvc.perform(signedBody(SECRET, body, NOW)).andExpect(status().isOk());
    clock.advance(Duration.ofMinutes(4));
    mvc.perform(signedBody(SECRET, body, NOW))
        .andExpect(status().isUnauthorized())
        .andExpect(
            jsonPath("$.text")
                .value("Request refused: this signed request was already accepted once."));

    verify(releases, times(1)).approve(eq("shop-api"), any());
  }

  @Test
  void aStaleSignedRequestIsRefusedAndNothingIsSent() throws Exception {
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    mvc.perform(signedBody(SECRET, body(TEAM, "UBOB", "approve shop-api"), NOW))
        .andExpect(status().isUnauthorized())
        .andExpect(
            jsonPath("$.text")
                .value(
                    "Request refused: the request timestamp is too old or in the future."));
    verifyNoInteractions(releases);
  }

  @Test
  void echoedValuesCannotFormatLinkOrNotify() throws Exception {
    when(releases.approve(eq("shop-api"), any()))
        .thenThrow(
            new MessageRefusedException(
                "approve", "<!channel> *not* an approver of <https://evil.example|prod> & more",
                null));
    ReleaseStatus hostile = mock(ReleaseStatus.class);
    when(hostile.application()).thenReturn("shop-api");
    when(hostile.version()).thenReturn("1.2.0_<@U123>`x`~y~");
    when(releases.status("shop-api")).thenReturn(hostile);

    mvc.perform(signed(SECRET, "approve shop-api", "mallory"))
        .andExpect(
            jsonPath("$.text")
                .value(
                    ":no_entry: approve of shop-api refused: &lt;!channel&gt; \u2217not\u2217"
                        + " an approver of &lt;https://evil.example|prod&gt; &amp; more"));
    mvc.perform(signed(SECRET, "status shop-api", "bob"))
        .andExpect(
            jsonPath("$.text")
                .value(
                    Matchers.startsWith(
                        "*shop-api 1.2.0\u02CD&lt;@U123&gt;\u02CBx\u02CB\u223Cy\u223C*")));
  }

  @Test
  void aBreakGlassIsSentAsTheSpeakerAndItsReasonIsEchoedEscaped() throws Exception {
    when(releases.breakGlass(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    mvc.perform(signed(SECRET, "breakglass shop-api <!channel> *now* INC-7", "carol"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.response_type").value("in_channel"))
        .andExpect(jsonPath("$.text").value(
            "carol broke the glass (&lt;!channel&gt; \u2217now\u2217 INC-7) for *shop-api 1.2.0* — phase"
                + " production_rollout, running: canary 10%"));

    verify(releases).breakGlass("shop-api",
        new dev.deployflow.model.BreakGlassMessage("carol", "<!channel> *now* INC-7"));
  }

  @Test
  void aFreezeRefusedByTheCalendarShowsItsWordsAndAFreezeFromAnUnmappedUserIsNeverSent() throws Exception {
    when(releases.freeze(any())).thenThrow(new MessageRefusedException(
        "freeze", "until: 2020-01-01T00:00:00Z is in the past (now is 2026-03-02T10:00:00Z)", null));

    mvc.perform(signed(SECRET, "freeze stop --until 2020-01-01T00:00:00Z", "bob"))
        .andExpect(jsonPath("$.response_type").value("ephemeral"))
        .andExpect(jsonPath("$.text").value(
            ":no_entry: freeze refused: until: 2020-01-01T00:00:00Z is in the past (now is 2026-03-02T10:00:00Z)"));
    verify(releases).freeze(new dev.deployflow.model.FreezeMessage("bob", "stop", "2020-01-01T00:00:00Z", null));

    mvc.perform(signedBody(SECRET, body(TEAM, "UEVE", "freeze stop"), NOW))
        .andExpect(jsonPath("$.text").value(Matchers.startsWith(":no_entry: Nothing was done")));
    verify(releases, times(1)).freeze(any());
  }

  @Test
  void aUsageProblemEchoesTheTypedWordEscaped() throws Exception {
    mvc.perform(signed(SECRET, "<!here> shop-api", "bob"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.text").value(Matchers.startsWith("unknown verb '&lt;!here&gt;'\n")));
    verifyNoInteractions(releases);
  }

  private MockMvc mvcWithSecret(String secret) {
    return mvc(secret, clock);
  }

  private MockMvc mvc(String secret, Clock clock) {
    DeployflowProperties properties =
        new DeployflowProperties(
            "deployments", Path.of("."), Path.of("."), Path.of("log"), Path.of("pm"), Map.of(),
            1024, Duration.ofSeconds(10),
            new DeployflowProperties.Embedded(0),
            new DeployflowProperties.Http(Duration.ofSeconds(1), Duration.ofSeconds(1)),
            new DeployflowProperties.Chat(
                secret, Duration.ofMinutes(5), List.of(USERS.split(",")), TEAM),
            new DeployflowProperties.Shutdown(Duration.ofSeconds(1)));
    SlackCommandController controller =
        new SlackCommandController(
            properties, new ChatCommandHandler(releases), clock);
    return MockMvcBuilders.standaloneSetup(controller).build();
  }

  /** A command signed now by {@code user}, whose Slack user id is {@code U} + the name in capitals. */
  static org.springframework.test.web.servlet.RequestBuilder signed(
      String secret, String text, String user) {
    return signedBody(secret, body(TEAM, "U" + user.toUpperCase(java.util.Locale.ROOT), text), NOW);
  }

  /** The form Slack sends; {@code user_name} is a display name anyone may set. */
  static String body(String team, String userId, String text) {
    return "token=t&team_id=" + team + "&user_id=" + userId + "&user_name=someone"
        + "&command=%2Fdeploy&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static org.springframework.test.web.servlet.RequestBuilder signedBody(
      String secret, String body, Instant at) {
    String timestamp = Long.toString(at.getEpochSecond());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return post("/api/chat/slack")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", SlackSignatureVerifier.sign(secret, timestamp, bytes))
        .content(bytes);
  }
}
