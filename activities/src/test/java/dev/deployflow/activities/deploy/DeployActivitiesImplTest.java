package dev.deployflow.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.DeployActivities.DeployRequest;
import dev.deployflow.activity.DeployActivities.DeployResult;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.HttpCall;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys through a real local HTTP hook and through real child processes. */
class DeployActivitiesImplTest {
  private static final String TOKEN = "deploy-tok-8c1f2e";
  private static final String KEY = "deploy-shop-api/run-1/web/production/10";

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private DeployActivitiesImpl deploys;

  @BeforeEach
  void start() throws Exception {
    server.start();
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DEPLOY_TOKEN", TOKEN);
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("l"), dir.resolve("m"), env, Duration.ofSeconds(2), Duration.ofSeconds(5), 0);
    deploys = new DeployActivitiesImpl(settings, HttpClients.create(settings));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DeployRequest hook(String method, String body) {
    HttpCall call = new HttpCall(method, server.url("/") + "hooks/${component}",
        Map.of("Authorization", "Bearer ${env:DEPLOY_TOKEN}", "X-Release", "${application}-${version}"), body);
    return request(new DeploySpec(null, null, null, call, null));
  }

  private static DeployRequest request(DeploySpec spec) {
    return new DeployRequest("shop-api", "web", "production", "1.2.0", 10, spec,
        Map.of("application", "shop-api", "component", "web", "environment", "production", "version", "1.2.0",
            "weight", "10", "previousVersion", "1.1.0"),
        KEY);
  }

  @Test
  void theHookReceivesTheRenderedRequestWithItsIdempotencyKey() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).body("{\"accepted\":true}").build());

    DeployResult result = deploys.deploy(hook("post",
        "{\"env\":\"${environment}\",\"version\":\"${version}\",\"weight\":${weight},\"from\":\"${previousVersion}\"}"));

    assertThat(result.detail()).isEqualTo("HTTP 202 (body: \"{\\\"accepted\\\":true}\")");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/hooks/web");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("X-Release")).isEqualTo("shop-api-1.2.0");
    assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(KEY);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().utf8())
        .isEqualTo("{\"env\":\"production\",\"version\":\"1.2.0\",\"weight\":10,\"from\":\"1.1.0\"}");
  }

  @Test
  void aPostWithoutBodyIsSentEmpty() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());

    deploys.deploy(hook("PUT", null));

    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("PUT");
    assertThat(request.getBodySize()).isZero();
  }

  @Test
  void aServerErrorIsRetryableAndNeverShowsTheToken() {
    server.enqueue(new MockResponse.Builder().code(502).body("proxy saw Authorization: Bearer " + TOKEN).build());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> deploys.deploy(hook("POST", "{}")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("HttpUnavailable");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("deploy web 1.2.0 to production at 10%: hook POST " + server.url("/hooks/web")
            + " answered HTTP 502 (body: \"proxy saw Authorization: Bearer ****\")");
  }

  @Test
  void tooManyRequestsRetriesAfterTheServersDelay() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "45").build());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> deploys.deploy(hook("POST", "{}")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void aClientErrorIsARefusalThatIsNotRetried() {
    server.enqueue(new MockResponse.Builder().code(403).body("token lacks deploy scope").build());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> deploys.deploy(hook("POST", "{}")));

    assertThat(failure.getType()).isEqualTo("DeployRefused");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).endsWith("answered HTTP 403 (body: \"token lacks deploy scope\")");
  }

  @Test
  void anUnreachableHookIsRetryable() {
    server.close();

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> deploys.deploy(hook("POST", "{}")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo("HttpUnavailable");
  }

  @Test
  void aHookWithAnUnsetVariableIsNotRunnable() {
    HttpCall call = new HttpCall("POST", server.url("/hooks").toString(),
        Map.of("Authorization", "Bearer ${env:UNSET_DEPLOY_TOKEN_Q}"), "{}");

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> deploys.deploy(request(new DeploySpec(null, null, null, call, null))));

    assertThat(failure.getType()).isEqualTo("DeployNotRunnable");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("UNSET_DEPLOY_TOKEN_Q");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theCommandFormGetsTheWeightAndTheIdempotencyKey() {
    DeploySpec spec = new DeploySpec(
        List.of("bash", "-c", "echo deploying $1 $2 $3 at $4% key=$DEPLOYFLOW_IDEMPOTENCY_KEY auth=$5",
            "deploy.sh", "${component}", "${environment}", "${version}", "${weight}", "${env:DEPLOY_TOKEN}"),
        "1m", null, null, null);

    DeployResult result = deploys.deploy(request(spec));

    assertThat(result.detail())
        .matches("exit 0 after \\d+ ms: deploying web production 1\\.2\\.0 at 10% key=" + KEY + " auth=\\*\\*\\*\\*");
  }

  @Test
  void aFailingDeployCommandIsARetryableCommandFailure() {
    DeploySpec spec = new DeploySpec(List.of("bash", "-c", "echo rollout stuck; exit 4"), null, null, null, null);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> deploys.deploy(request(spec)));

    assertThat(failure.getType()).isEqualTo("CommandFailed");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).startsWith("deploy web 1.2.0 to production at 10%: ").contains("rollout stuck");
  }

  @Test
  void aDeployWithNeitherFormIsNotRunnable() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> deploys.deploy(request(new DeploySpec(List.of(), null, null, null, null))));

    assertThat(failure.getType()).isEqualTo("DeployNotRunnable");
    assertThat(failure.isNonRetryable()).isTrue();
  }
}
