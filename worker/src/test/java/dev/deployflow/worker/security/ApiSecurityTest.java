package dev.deployflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.worker.Statuses;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The REST API's edge on a real port: every hostile request with its exact refusal, and nothing
 * of it reaching the release client (a mock). Tokens: alice (operator), vic (viewer), and bob
 * (operator, configured as the SHA-256 of his token).
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      ApiTestApplication.PIPELINES,
      "deployflow.api.tokens=alice:operator:" + ApiSecurityTest.ALICE + ",vic:viewer:"
          + ApiSecurityTest.VIC + ",bob:operator:sha256:" + ApiSecurityTest.BOB_SHA256
    })
class ApiSecurityTest {
  static final String ALICE = "alice-operator-token-0001";
  static final String VIC = "vic-viewer-token-00000001";
  static final String BOB = "bob-operator-token-000001";
  /** {@code printf %s bob-operator-token-000001 | sha256sum}. */
  static final String BOB_SHA256 =
      "24c239a017644b3e6397e9f2a96e7ee73e038a7869e5113db6ebeed188a990f2";

  @MockitoBean ReleaseClient releases;
  @LocalServerPort int port;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void noTokenIs401WithABearerChallengeAndNoNames() {
    HttpResponse<String> response =
        http.post("/api/releases/shop-api/approve", null, "{\"by\":\"bob\"}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(Http.json(response))
        .isEqualTo(
            Map.of(
                "type", "about:blank",
                "title", "Unauthorized",
                "status", 401,
                "detail",
                "this API needs a bearer token: send the header Authorization: Bearer <token>"));
    verifyNoInteractions(releases);
  }

  @Test
  void aBadTokenIs401() {
    HttpResponse<String> response =
        http.post("/api/releases/shop-api/approve", "not-a-token-of-anyone", "{\"by\":\"bob\"}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo("Bearer error=\"invalid_token\"");
    assertThat(Http.json(response))
        .isEqualTo(
            Map.of(
                "type", "about:blank",
                "title", "Unauthorized",
                "status", 401,
                "detail", "the bearer token is not valid"));
    verifyNoInteractions(releases);
  }

  @Test
  void aViewerReadsButMayNotPost() {
    when(releases.status("shop-api")).thenReturn(Statuses.waitingForApproval());
    assertThat(http.get("/api/releases/shop-api", VIC).statusCode()).isEqualTo(200);

    HttpResponse<String> response =
        http.post("/api/releases/shop-api/approve", VIC, "{\"by\":\"vic\"}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo("Bearer error=\"insufficient_scope\"");
    assertThat(Http.json(response))
        .isEqualTo(
            Map.of(
                "type", "about:blank",
                "title", "Forbidden",
                "status", 403,
                "detail",
                "vic holds a viewer token, which only reads; starting releases and sending"
                    + " messages needs an operator token"));
    verify(releases).status("shop-api");
    org.mockito.Mockito.verifyNoMoreInteractions(releases);
  }

  @Test
  void aBodyNamingSomeoneElseIs403() {
    HttpResponse<String> response =
        http.post("/api/releases/shop-api/approve", ALICE, "{\"by\":\"bob\"}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.json(response))
        .containsEntry("title", "Not your name")
        .containsEntry("status", 403)
        .containsEntry("field", "by")
        .containsEntry(
            "detail",
            "by: must be your own identity 'alice' or left out; this token may not act for"
                + " anyone else");
    verifyNoInteractions(releases);
  }

  @Test
  void aStartNamingSomeoneElseAsRequesterIs403() {
    HttpResponse<String> response =
        http.post(
            "/api/releases",
            ALICE,
            "{\"application\":\"shop-api\",\"version\":\"1.2.0\",\"requestedBy\":\"carol\"}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.json(response)).containsEntry("field", "requestedBy");
    verifyNoInteractions(releases);
  }

  @Test
  void theTokensIdentityIsTheSpeakerWhenTheBodyLeavesItOut() {
    when(releases.approve(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    when(releases.pause(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    assertThat(http.post("/api/releases/shop-api/approve", ALICE, "{\"comment\":\"ok\"}").statusCode())
        .isEqualTo(200);
    // bob's token is configured by its SHA-256 only.
    assertThat(http.post("/api/releases/shop-api/pause", BOB, "{\"by\":\"bob\"}").statusCode())
        .isEqualTo(200);

    verify(releases).approve("shop-api", new ApproveMessage("alice", null, "ok"));
    verify(releases).pause("shop-api", new PauseMessage("bob", null));
  }

  @Test
  void aStartIsRequestedByTheTokensIdentity() {
    when(releases.start(any()))
        .thenAnswer(
            call -> {
              ReleaseRequest request = call.getArgument(0);
              return new StartedRelease("deploy-shop-api", "run-1", request.withDefaults());
            });

    HttpResponse<String> response =
        http.post("/api/releases", ALICE, "{\"application\":\"shop-api\",\"version\":\"1.2.0\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    ArgumentCaptor<ReleaseRequest> sent = ArgumentCaptor.forClass(ReleaseRequest.class);
    verify(releases).start(sent.capture());
    assertThat(sent.getValue().requestedBy()).isEqualTo("alice");
  }

  @Test
  void aOneMegabyteReasonIs413() {
    String body = "{\"by\":\"alice\",\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}";

    HttpResponse<String> response = http.post("/api/releases/shop-api/pause", ALICE, body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response))
        .isEqualTo(
            Map.of(
                "type", "about:blank",
                "title", "Content Too Large",
                "status", 413,
                "detail", "the request body is larger than 65536 bytes (64 KiB)"));
    verifyNoInteractions(releases);
  }

  @Test
  void aOneMegabyteChunkedBodyWithoutLengthIs413() {
    byte[] body =
        ("{\"by\":\"alice\",\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        Http.send(
            http.request("/api/releases/shop-api/pause")
                .header("Authorization", "Bearer " + ALICE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response)).containsEntry("title", "Content Too Large");
    verifyNoInteractions(releases);
  }

  @Test
  void aBodyJustUnderTheLimitIsRead() {
    when(releases.pause(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    // 64 KiB of JSON whose reason breaks no size rule of the edge; the release judges it.
    String padding = " ".repeat(BodySizeLimit.MAX_BODY_BYTES - 40);
    String body = "{\"by\":\"alice\"," + padding + "\"reason\":\"ok\"}";
    assertThat(body.length()).isLessThanOrEqualTo(BodySizeLimit.MAX_BODY_BYTES);

    assertThat(http.post("/api/releases/shop-api/pause", ALICE, body).statusCode()).isEqualTo(200);
    verify(releases).pause("shop-api", new PauseMessage("alice", "ok"));
  }

  @Test
  void anInvalidFieldIs400NamingItAfterAuthentication() {
    HttpResponse<String> response =
        http.post("/api/releases", ALICE, "{\"application\":\"Shop_API\",\"version\":\"1.2.0\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat((String) Http.json(response).get("detail"))
        .startsWith("invalid release request: application: ");
    verifyNoInteractions(releases);
  }

  @Test
  void aBadApplicationInThePathIs400() {
    HttpResponse<String> response = http.get("/api/releases/..%2Fetc", VIC);

    assertThat(response.statusCode()).isEqualTo(400);
    verifyNoInteractions(releases);
  }

  @Test
  void healthAnswersEveryoneButShowsDetailsOnlyToAuthenticatedCallers() {
    HttpResponse<String> anonymous = http.get("/actuator/health", null);
    HttpResponse<String> viewer = http.get("/actuator/health", VIC);

    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(Http.json(anonymous)).doesNotContainKey("components").containsEntry("status", "UP");
    assertThat(viewer.statusCode()).isEqualTo(200);
    assertThat(Http.json(viewer)).containsKey("components");
  }

  @Test
  void anyOtherPathNeedsAToken() {
    assertThat(http.get("/anything", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theWorkerListensOnLoopbackUnlessToldOtherwise(
      @org.springframework.beans.factory.annotation.Autowired
          org.springframework.core.env.Environment environment) {
    // application.yml's default, which this test context loads like the worker does.
    assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
  }

  @Test
  void aOneMegabyteChatRequestIs413BeforeItsSignatureIsChecked() {
    HttpResponse<String> response =
        Http.send(
            http.request("/api/chat/slack")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("text=" + "x".repeat(1024 * 1024))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Http.json(response)).containsEntry("title", "Content Too Large");
    verifyNoInteractions(releases);
  }

  @Test
  void theConfiguredDigestIsTheTokensSha256() {
    assertThat(HexFormat.of().formatHex(ApiTokens.sha256(BOB))).isEqualTo(BOB_SHA256);
  }
}
