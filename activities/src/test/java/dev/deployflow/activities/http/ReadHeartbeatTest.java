package dev.deployflow.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.command.CommandRunner;
import dev.deployflow.activities.command.ProcessRunner;
import dev.deployflow.activities.deploy.DeployActivitiesImpl;
import dev.deployflow.activities.metrics.MetricActivitiesImpl;
import dev.deployflow.activities.smoke.SmokeTestActivitiesImpl;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.activity.MetricActivities;
import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.activity.SmokeTestActivities;
import dev.deployflow.activity.SmokeTestActivities.SmokeTestRequest;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.HttpCall;
import dev.deployflow.pipeline.SmokeTest;
import dev.deployflow.pipeline.VersionProbe;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reads of a release (smoke test, measurement, version probe) heartbeat while their HTTP call
 * is in flight, so that Temporal notices a lost worker at the heartbeat timeout and another worker
 * retries the read seconds later. Each read here waits 2.5 s for a real HTTP server's answer while
 * beats are sent every 100 ms; the beats name the call and never a secret.
 */
class ReadHeartbeatTest {
  private static final String SECRET = "s3cr3t-token-value";
  private static final Duration INTERVAL = Duration.ofMillis(100);

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();
  private TestActivityEnvironment environment;
  private ActivityOptions options;

  @BeforeEach
  void setUp() throws Exception {
    // Every answer takes 2.5 s: several beats, even through the SDK's throttle (0.8 of the 1 s heartbeat timeout).
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(2_500);
        String body = request.getUrl().encodedPath().contains("api/v1/query")
            ? "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"0.001\"]}]}}"
            : "{\"version\":\"1.1.0\",\"status\":\"UP\"}";
        return new MockResponse.Builder().code(200).body(body).build();
      }
    });
    server.start();
    ActivitySettings settings = new ActivitySettings(dir, dir, dir.resolve("l"), dir.resolve("m"),
        Map.of("TOKEN", SECRET, "PATH", System.getenv("PATH")), Duration.ofSeconds(2), Duration.ofSeconds(30), 0);
    CommandRunner commands =
        new CommandRunner(settings, new ProcessRunner(settings.outputTailBytes(), Duration.ofMillis(100), Duration.ofSeconds(5)));
    environment = TestActivityEnvironment.newInstance();
    environment.registerActivitiesImplementations(
        new SmokeTestActivitiesImpl(settings, HttpClients.create(settings), INTERVAL),
        new MetricActivitiesImpl(settings, HttpClients.create(settings), INTERVAL),
        new DeployActivitiesImpl(settings, HttpClients.create(settings), commands, INTERVAL));
    environment.setActivityHeartbeatListener(String.class, heartbeats::add);
    options = ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setHeartbeatTimeout(Duration.ofSeconds(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build();
  }

  @AfterEach
  void tearDown() {
    environment.close();
    server.close();
  }

  @Test
  void aSmokeTestHeartbeatsWhileItsRequestIsInFlight() {
    SmokeTestActivities smoke = environment.newActivityStub(SmokeTestActivities.class, options);
    HttpCall call = new HttpCall("GET", server.url("/health").toString() + "?token=${env:TOKEN}", Map.of(), null);

    var result = smoke.runSmokeTest(new SmokeTestRequest("staging", new SmokeTest("health", call,
        new SmokeTest.Expectation(200, "UP", null, null)), Map.of()));

    assertThat(result.status()).isEqualTo(200);
    assertBeatsWhileWaiting("smoke test 'health' in staging");
  }

  @Test
  void aMeasurementHeartbeatsWhileItsQueryIsInFlight() {
    MetricActivities metrics = environment.newActivityStub(MetricActivities.class, options);
    AnalysisTemplate template = new AnalysisTemplate(new AnalysisTemplate.PrometheusSource(
        server.url("/").toString(), "sum(rate(errors{token=\"${env:TOKEN}\"}[1m]))"),
        null, 0.01, null, null, null, null, null, null, null);

    Measurement measurement = metrics.measure(new MeasureRequest("error-rate", template, Map.of()));

    assertThat(measurement.kind()).isEqualTo(Measurement.Kind.VALUE);
    assertBeatsWhileWaiting("measure " + server.getHostName() + "/api/v1/query");
  }

  @Test
  void aVersionProbeHeartbeatsWhileItsRequestIsInFlight() {
    DeployActivities deploys = environment.newActivityStub(DeployActivities.class, options);
    VersionProbe probe = new VersionProbe(new VersionProbe.Http(server.url("/version").toString(),
        "/version", Map.of("Authorization", "Bearer ${env:TOKEN}"), null), null, null);

    var result = deploys.readCurrentVersion(new VersionProbeRequest("api", "production", probe, Map.of()));

    assertThat(result.version()).isEqualTo("1.1.0");
    assertBeatsWhileWaiting("version probe of api in production");
  }

  private void assertBeatsWhileWaiting(String names) {
    Supplier<List<String>> waiting = () -> heartbeats.stream().filter(b -> b.contains("waiting for the answer")).toList();
    assertThat(waiting.get()).as("beats while the call was in flight: %s", heartbeats).hasSizeGreaterThanOrEqualTo(2);
    assertThat(heartbeats).allSatisfy(beat -> {
      assertThat(beat).startsWith(names);
      assertThat(beat).doesNotContain(SECRET);
    });
  }
}
