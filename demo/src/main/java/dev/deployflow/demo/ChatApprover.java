package dev.deployflow.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.worker.chat.SlackSignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends slash commands to the worker's chat endpoint exactly as Slack does: a form-encoded body
 * signed with the Slack v0 scheme ({@code v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>")}) in
 * {@code X-Slack-Signature}, with the timestamp in {@code X-Slack-Request-Timestamp}. The demo
 * uses it to approve as a person would from a chat room.
 */
public final class ChatApprover {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String signingSecret;
  private final HttpClient http;
  private final Clock clock;

  /**
   * @param endpoint the worker's chat endpoint, such as {@code http://127.0.0.1:8088/api/chat/slack}
   * @param signingSecret the secret the worker was started with
   */
  public ChatApprover(URI endpoint, String signingSecret, Clock clock) {
    this.endpoint = endpoint;
    this.signingSecret = signingSecret;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** What the chat endpoint answered: the HTTP status and the body a chat room would show. */
  public record ChatReply(int status, String body) {

    /** Whether the endpoint accepted the command. */
    public boolean accepted() {
      return status / 100 == 2;
    }

    /** The reply's {@code text}, as a chat room shows it, or the raw body when it has none. */
    public String text() {
      try {
        JsonNode text = JSON.readTree(body).path("text");
        return text.isTextual() ? text.asText() : body;
      } catch (JsonProcessingException e) {
        return body;
      }
    }
  }

  /**
   * Sends {@code /deploy <text>} as the chat user {@code userName}.
   *
   * @throws IOException when the worker cannot be reached
   */
  public ChatReply slashCommand(String text, String userName) throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "demo");
    form.put("team_id", DemoCredentials.TEAM_ID);
    form.put("team_domain", "deployflow-demo");
    form.put("channel_id", "C0RELEASES");
    form.put("channel_name", "releases");
    // The worker knows the speaker by user_id; user_name is only Slack's display name.
    form.put("user_id", DemoCredentials.slackUserId(userName));
    form.put("user_name", userName);
    form.put("command", "/deploy");
    form.put("text", text);
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", timestamp)
            .header("X-Slack-Signature", sign(signingSecret, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new ChatReply(response.statusCode(), response.body());
  }

  /** The Slack v0 signature of a request body: the one scheme the worker verifies. */
  static String sign(String secret, String timestamp, String body) {
    return SlackSignatureVerifier.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
