package dev.deployflow.worker.chat;

import dev.deployflow.worker.config.DeployflowProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
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
 * {@code /deploy approve shop-api looks good}, signed with the Slack signing secret. The person
 * acting is {@code user_name}. Without a configured secret the endpoint answers 503, so that an
 * unsigned endpoint never accepts approvals.
 */
@RestController
public class SlackCommandController {
  private static final Logger log = LoggerFactory.getLogger(SlackCommandController.class);

  /** Slack's slash commands are a few hundred bytes; anything far larger is not one. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final SlackSignatureVerifier verifier;
  private final ChatCommandHandler handler;

  public SlackCommandController(
      DeployflowProperties properties, ChatCommandHandler handler, Clock clock) {
    DeployflowProperties.Chat chat = properties.chat();
    this.verifier =
        chat.hasSigningSecret()
            ? new SlackSignatureVerifier(chat.signingSecret(), chat.maxClockSkew(), clock)
            : null;
    this.handler = handler;
  }

  @PostMapping(path = "/api/chat/slack", produces = MediaType.APPLICATION_JSON_VALUE)
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
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
          .body(SlackReply.ephemeral("The request is too large for a slash command."));
    }
    SlackSignatureVerifier.Verdict verdict = verifier.verify(timestamp, signature, body);
    if (verdict != SlackSignatureVerifier.Verdict.VALID) {
      log.warn("Refused a chat request from {}: {}", request.getRemoteAddr(), verdict.reason());
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(SlackReply.ephemeral("Request refused: " + verdict.reason() + "."));
    }
    Map<String, String> form = FormBody.parse(body);
    String user = form.getOrDefault("user_name", "").strip();
    if (user.isEmpty()) {
      return ResponseEntity.badRequest()
          .body(SlackReply.ephemeral("Request refused: user_name is missing."));
    }
    ChatCommand command;
    try {
      command = ChatCommandParser.parse(form.get("text"));
    } catch (ChatCommandParser.UsageException e) {
      return ResponseEntity.ok(SlackReply.ephemeral(e.getMessage()));
    }
    log.info("Chat command from {}: {}", user, command);
    return ResponseEntity.ok(handler.handle(command, user));
  }
}
