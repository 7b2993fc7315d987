package dev.deployflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.deployflow.worker.chat.SlackSignatureVerifier;
import dev.deployflow.worker.chat.SlackSignatureVerifier.Verdict;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The demo's chat approvals: Slack-shaped, form-encoded and signed so that the worker accepts them. */
class ChatApproverTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  /** What the stand-in chat endpoint received. */
  private record Received(String timestamp, String signature, String contentType, byte[] body) {}

  @Test
  void signsLikeSlacksDocumentedExample() {
    // The worked example of Slack's "Verifying requests from Slack" guide.
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
            + "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    String signature = ChatApprover.sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body);

    assertThat(signature)
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }

  @Test
  void aSlashCommandIsASignedFormTheWorkersVerifierAccepts() throws Exception {
    AtomicReference<Received> received = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/chat/slack", exchange -> {
      try (exchange) {
        received.set(new Received(
            exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
            exchange.getRequestHeaders().getFirst("X-Slack-Signature"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestBody().readAllBytes()));
        byte[] reply = "{\"text\":\"bob approved demo-shop\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply);
        }
      }
    });
    server.start();
    ChatApprover.ChatReply reply;
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/chat/slack");
      reply = new ChatApprover(endpoint, "demo-secret", CLOCK).slashCommand("approve demo-shop", "bob");
    } finally {
      server.stop(0);
    }

    assertThat(reply.accepted()).isTrue();
    assertThat(reply.text()).isEqualTo("bob approved demo-shop");
    Received request = received.get();
    assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.timestamp()).isEqualTo(Long.toString(CLOCK.instant().getEpochSecond()));
    assertThat(new String(request.body(), StandardCharsets.UTF_8))
        .contains("command=%2Fdeploy", "text=approve+demo-shop", "user_name=bob");
    assertThat(verifier("demo-secret").verify(request.timestamp(), request.signature(), request.body()))
        .isEqualTo(Verdict.VALID);
    assertThat(verifier("another-secret").verify(request.timestamp(), request.signature(), request.body()))
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void aReplyWithoutTextShowsTheRawBody() {
    assertThat(new ChatApprover.ChatReply(401, "invalid signature").text()).isEqualTo("invalid signature");
    assertThat(new ChatApprover.ChatReply(401, "invalid signature").accepted()).isFalse();
  }

  private static SlackSignatureVerifier verifier(String secret) {
    return new SlackSignatureVerifier(secret, Duration.ofMinutes(5), CLOCK);
  }
}
