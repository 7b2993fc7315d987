package dev.deployflow.worker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.SkipMessage;
import dev.deployflow.worker.Statuses;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * {@code POST /api/releases/{app}/retry} and {@code /skip} on a real port, under the same rules as
 * every other message: an operator token speaks as its identity, a viewer may not post, a body
 * naming someone else is refused, input rules are checked before Temporal is called, and the
 * release's own refusal (who may send it) is a 422 with its words.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      ApiTestApplication.PIPELINES,
      "deployflow.api.tokens=alice:operator:" + ApiSecurityTest.ALICE + ",vic:viewer:" + ApiSecurityTest.VIC
    })
class GuidedFailureApiTest {
  @MockitoBean ReleaseClient releases;
  @LocalServerPort int port;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void retryAndSkipAreSentAsTheTokensIdentity() {
    when(releases.retry(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());
    when(releases.skip(eq("shop-api"), any())).thenReturn(Statuses.rollingOut());

    HttpResponse<String> retried = http.post("/api/releases/shop-api/retry", ApiSecurityTest.ALICE, "{}");
    HttpResponse<String> skipped = http.post("/api/releases/shop-api/skip", ApiSecurityTest.ALICE,
        "{\"by\":\"alice\",\"reason\":\"flaky checkout check (OPS-12)\"}");

    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(Http.json(retried)).containsEntry("phase", "production_rollout");
    assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
    verify(releases).retry("shop-api", new RetryMessage("alice"));
    verify(releases).skip("shop-api", new SkipMessage("alice", "flaky checkout check (OPS-12)"));
  }

  @Test
  void aSkipWithoutAReasonIs400NamingTheFieldBeforeTemporalIsCalled() {
    HttpResponse<String> response = http.post("/api/releases/shop-api/skip", ApiSecurityTest.ALICE, "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(String.valueOf(Http.json(response).get("detail"))).contains("reason: is required");
    verifyNoInteractions(releases);
  }

  @Test
  void aViewerAndABodyNamingSomeoneElseAreRefused() {
    assertThat(http.post("/api/releases/shop-api/retry", ApiSecurityTest.VIC, "{}").statusCode()).isEqualTo(403);
    HttpResponse<String> other = http.post("/api/releases/shop-api/retry", ApiSecurityTest.ALICE, "{\"by\":\"bob\"}");

    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(Http.json(other)).containsEntry("field", "by");
    verifyNoInteractions(releases);
  }

  @Test
  void theReleasesRefusalIs422WithItsWords() {
    String refusal = "alice may not retry shop-api 1.2.0: retry is for the production approvers and operators"
        + " (bob, carol)";
    when(releases.retry(eq("shop-api"), any())).thenThrow(new MessageRefusedException("retry", refusal, null));

    HttpResponse<String> response = http.post("/api/releases/shop-api/retry", ApiSecurityTest.ALICE, "{}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response)).containsEntry("detail", refusal).containsEntry("refusedMessage", "retry");
  }
}
