package dev.deployflow.worker.chat;

import dev.deployflow.worker.config.DeployflowProperties;
import dev.deployflow.worker.security.ApiSecurityConfiguration;
import dev.deployflow.worker.security.BodySizeLimit;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/chat/slack}: a Slack-style slash command such as
 * {@code /deploy approve shop-api looks good}, signed with the Slack signing secret.
 *
 * <p>The checks, in order, each refusing with nothing sent to the release: a signing secret is
 * configured (else 503); the {@code v0} signature matches and its timestamp is inside the window
 * (else 401); this signed request was not accepted before (a replay is 401); the
 * {@code team_id} is the configured workspace (else 403); the speaker's Slack {@code user_id} is
 * mapped to an identity (else a 200 ephemeral refusal, because Slack shows its user only the
 * body of a 200 and that user needs to know why). The person acting is that identity, never
 * Slack's changeable {@code user_name}.
 */
@RestController
public class SlackCommandController {
  private static final Logger log = LoggerFactory.getLogger(SlackCommandController.class);

  /** The most signed requests remembered inside the window (thousands per minute). */
  static final int REPLAY_CAPACITY = 10_000;

  private final SlackSignatureVerifier verifier;
  private final ReplayGuard replays;
  private final ChatUsers users;
  private final String teamId;
  private final ChatCommandHandler handler;

  public SlackCommandController(
      DeployflowProperties properties, ChatCommandHandler handler, Clock clock) {
    DeployflowProperties.Chat chat = properties.chat();
    this.verifier =
        chat.hasSigningSecret()
            ? new SlackSignatureVerifier(chat.signingSecret(), chat.maxClockSkew(), clock)
            : null;
    this.replays = new ReplayGuard(chat.maxClockSkew(), REPLAY_CAPACITY, clock);
    this.users = ChatUsers.parse(chat.users());
    this.teamId = chat.teamId() == null || chat.teamId().isBlank() ? null : chat.teamId().strip();
    this.handler = handler;
    if (verifier != null && users.size() == 0) {
      log.warn(
          "The chat endpoint refuses everyone: no DEPLOYFLOW_CHAT_USERS (SLACKUSERID:identity)"
              + " are configured.");
    }
  }

  @PostMapping(path = ApiSecurityConfiguration.CHAT_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<SlackReply> command(
      HttpServletRequest request,
      @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Slack-Signature", required = false) String signature)
      throws IOException {
    if (verifier == null) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(
              SlackReply.ephemeral(
                  "The chat endpoint is disabled: no signing secret is configured"
                      + " (deployflow.chat.signing-secret or DEPLOYFLOW_SLACK_SIGNING_SECRET)."));
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(BodySizeLimit.MAX_BODY_BYTES + 1);
    }
    if (body.length > BodySizeLimit.MAX_BODY_BYTES) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
          .body(SlackReply.ephemeral("The request is too large for a slash command."));
    }
    SlackSignatureVerifier.Verdict verdict = verifier.verify(timestamp, signature, body);
    if (verdict != SlackSignatureVerifier.Verdict.VALID) {
      return refused(request, HttpStatus.UNAUTHORIZED, verdict.reason());
    }
    ReplayGuard.Verdict seen = replays.admit(signature.strip(), Long.parseLong(timestamp.strip()));
    if (seen == ReplayGuard.Verdict.REPLAYED) {
      return refused(request, HttpStatus.UNAUTHORIZED, "this signed request was already accepted once");
    }
    if (seen == ReplayGuard.Verdict.FULL) {
      return refused(
          request, HttpStatus.TOO_MANY_REQUESTS, "too many chat requests at once; try again shortly");
    }
    Map<String, String> form = FormBody.parse(body);
    if (teamId != null && !teamId.equals(form.get("team_id"))) {
      return refused(request, HttpStatus.FORBIDDEN, "the request comes from another Slack workspace");
    }
    String userId = form.getOrDefault("user_id", "").strip();
    Optional<String> identity = users.identityOf(userId);
    if (identity.isEmpty()) {
      log.warn("Refused a chat command from unmapped Slack user {}", SlackText.escape(userId));
      return ResponseEntity.ok(
          SlackReply.ephemeral(
              ":no_entry: Nothing was done: Slack user " + SlackText.escape(userId)
                  + " is not mapped to a deployflow identity. An administrator adds it to"
                  + " DEPLOYFLOW_CHAT_USERS (SLACKUSERID:identity)."));
    }
    ChatCommand command;
    try {
      command = ChatCommandParser.parse(form.get("text"));
    } catch (ChatCommandParser.UsageException e) {
      return ResponseEntity.ok(SlackReply.ephemeral(SlackText.escapeLines(e.getMessage())));
    }
    log.info(
        "Chat command from {} ({}): {} {}",
        identity.get(), SlackText.escape(userId), command.getClass().getSimpleName(),
        command.application() == null ? "(the freeze calendar)" : command.application());
    return ResponseEntity.ok(handler.handle(command, identity.get()));
  }

  private static ResponseEntity<SlackReply> refused(
      HttpServletRequest request, HttpStatus status, String reason) {
    log.warn("Refused a chat request from {}: {}", request.getRemoteAddr(), reason);
    return ResponseEntity.status(status).body(SlackReply.ephemeral("Request refused: " + reason + "."));
  }
}
