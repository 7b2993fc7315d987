package dev.deployflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.deployflow.client.ReleaseClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * With neither tokens nor an OIDC issuer the REST API is shut: every request answers 503 and says
 * how to configure it, whatever credentials it carries; the health endpoint still answers.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {ApiTestApplication.PIPELINES, ApiTestApplication.CHAT_SECRET})
class NoTokensConfiguredTest {
  @MockitoBean ReleaseClient releases;
  @LocalServerPort int port;

  @Test
  void everyApiRequestIs503SayingHowToConfigureTokens() {
    Http http = new Http(port);
    Map<String, Object> expected =
        Map.of(
            "type", "about:blank",
            "title", "API not configured",
            "status", 503,
            "detail", ProblemResponses.NOT_CONFIGURED);

    HttpResponse<String> get = http.get("/api/releases/shop-api", null);
    HttpResponse<String> post =
        http.post("/api/releases/shop-api/approve", "some-token-nobody-configured", "{\"by\":\"bob\"}");

    assertThat(get.statusCode()).isEqualTo(503);
    assertThat(Http.json(get)).isEqualTo(expected);
    assertThat(post.statusCode()).isEqualTo(503);
    assertThat(Http.json(post)).isEqualTo(expected);
    assertThat(ProblemResponses.NOT_CONFIGURED)
        .contains("DEPLOYFLOW_API_TOKENS")
        .contains("identity:role:secret")
        .contains("deployflow.api.oidc.issuer-uri");
    verifyNoInteractions(releases);
  }

  @Test
  void theChatEndpointStillAnswersByItsSignature() {
    HttpResponse<String> unsigned =
        Http.send(
            new Http(port)
                .request("/api/chat/slack")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("text=status+shop-api")));

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.body())
        .isEqualTo(
            "{\"response_type\":\"ephemeral\",\"text\":\"Request refused:"
                + " X-Slack-Request-Timestamp or X-Slack-Signature is missing.\"}");
    verifyNoInteractions(releases);
  }

  @Test
  void healthStillAnswersWithoutDetails() {
    HttpResponse<String> health = new Http(port).get("/actuator/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(Http.json(health)).containsEntry("status", "UP").doesNotContainKey("components");
  }
}
