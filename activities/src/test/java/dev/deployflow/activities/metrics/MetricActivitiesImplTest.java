package dev.deployflow.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.analysis.Measurement.Kind;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.AnalysisTemplate.HttpJsonSource;
import dev.deployflow.pipeline.AnalysisTemplate.PrometheusSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Takes measurements from a real HTTP server that answers like Prometheus or a JSON API. */
class MetricActivitiesImplTest {
  private static final String SECRET = "s3cr3t-metrics-token";

  @TempDir Path dir;
  private MockWebServer server;
  private MetricActivitiesImpl metrics;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("log.jsonl"), dir, Map.of("METRICS_TOKEN", SECRET),
        Duration.ofSeconds(2), Duration.ofMillis(500), 0);
    metrics = new MetricActivitiesImpl(settings, HttpClients.create(settings));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void scalarResultIsAValue() throws Exception {
    serve(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1718000000.5,\"0.25\"]}}");

    Measurement m = prometheus("scalar(x)");

    assertThat(m.kind()).isEqualTo(Kind.VALUE);
    assertThat(m.value()).isEqualTo(0.25);
    assertThat(m.metric()).isEqualTo("error-rate");
    assertThat(m.at()).isNotBlank();
  }

  @Test
  void oneSeriesVectorIsAValueAndTheQueryIsRenderedAndSent() throws Exception {
    serve(200, vector("{\"metric\":{\"job\":\"api\"},\"value\":[1718000000,\"0.0123\"]}"));

    Measurement m = metrics.measure(new MeasureRequest(
        "error-rate",
        template(new PrometheusSource(server.url("/").toString(), "rate(errors{app=\"${application}\"}[5m])"), null),
        Map.of("application", "shop-api")));

    assertThat(m.kind()).isEqualTo(Kind.VALUE);
    assertThat(m.value()).isEqualTo(0.0123);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/v1/query");
    assertThat(request.getUrl().queryParameter("query")).isEqualTo("rate(errors{app=\"shop-api\"}[5m])");
  }

  @Test
  void emptyVectorIsNoData() throws Exception {
    serve(200, vector(""));

    Measurement m = prometheus("up");

    assertThat(m.kind()).isEqualTo(Kind.NO_DATA);
    assertThat(m.value()).isNull();
    assertThat(m.detail()).contains("empty");
  }

  @Test
  void nanIsNoData() throws Exception {
    serve(200, vector("{\"metric\":{},\"value\":[1718000000,\"NaN\"]}"));

    assertThat(prometheus("a/b").kind()).isEqualTo(Kind.NO_DATA);
  }

  @Test
  void twoSeriesIsAnErrorNamingTheCount() throws Exception {
    serve(200, vector("{\"metric\":{\"i\":\"a\"},\"value\":[1,\"1\"]},{\"metric\":{\"i\":\"b\"},\"value\":[1,\"2\"]}"));

    Measurement m = prometheus("up");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("2 series");
  }

  @Test
  void statusErrorIsAnErrorWithPrometheusReason() throws Exception {
    serve(200, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}");

    Measurement m = prometheus("rate(");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("bad_data").contains("parse error at char 5");
  }

  @Test
  void httpErrorWithPrometheusEnvelopeKeepsItsReason() throws Exception {
    serve(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"unknown function foo\"}");

    Measurement m = prometheus("foo(x)");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("HTTP 400").contains("unknown function foo");
  }

  @Test
  void http500IsAnError() throws Exception {
    serve(500, "internal trouble");

    Measurement m = prometheus("up");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("HTTP 500").contains("internal trouble");
  }

  @Test
  void malformedBodyIsAnError() throws Exception {
    serve(200, "<html>not json</html>");

    Measurement m = prometheus("up");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("not JSON");
  }

  @Test
  void rangeVectorIsAnError() throws Exception {
    serve(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");

    assertThat(prometheus("up[5m]").detail()).contains("range vector");
  }

  @Test
  void slowAnswerPastTheClientTimeoutIsAnErrorNotAnException() throws Exception {
    server.enqueue(new MockResponse.Builder()
        .code(200)
        .body(vector("{\"metric\":{},\"value\":[1,\"1\"]}"))
        .headersDelay(3, TimeUnit.SECONDS)
        .build());

    Measurement m = prometheus("up");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("timed out");
  }

  @Test
  void unreachableServerIsAnError() throws Exception {
    String url = server.url("/").toString();
    server.close();

    Measurement m = metrics.measure(new MeasureRequest(
        "error-rate", template(new PrometheusSource(url, "up"), null), Map.of()));

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("could not be read");
  }

  @Test
  void missingVariableIsAnErrorNamingIt() {
    Measurement m = metrics.measure(new MeasureRequest(
        "error-rate",
        template(new PrometheusSource("http://127.0.0.1:1", "up{env=\"${environment}\"}"), null),
        Map.of()));

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("${environment}");
  }

  @Test
  void httpJsonSourceReadsTheNumberAtThePointerAndSendsRenderedHeaders() throws Exception {
    serve(200, "{\"data\":{\"p99\":0.42}}");

    Measurement m = metrics.measure(new MeasureRequest(
        "latency-p99",
        template(null, new HttpJsonSource(
            server.url("/api/p99").toString() + "?app=${application}",
            "/data/p99",
            Map.of("Authorization", "Bearer ${env:METRICS_TOKEN}"))),
        Map.of("application", "shop-api")));

    assertThat(m.kind()).isEqualTo(Kind.VALUE);
    assertThat(m.value()).isEqualTo(0.42);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().queryParameter("app")).isEqualTo("shop-api");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void httpJsonMissingPointerIsNoData() throws Exception {
    serve(200, "{\"data\":{}}");

    assertThat(httpJson("/data/p99").kind()).isEqualTo(Kind.NO_DATA);
  }

  @Test
  void httpJsonNonNumericIsAnError() throws Exception {
    serve(200, "{\"data\":{\"p99\":\"fast\"}}");

    Measurement m = httpJson("/data/p99");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("fast").contains("not a number");
  }

  @Test
  void httpJsonNumericTextIsAValue() throws Exception {
    serve(200, "{\"value\":\"0.5\"}");

    assertThat(httpJson("/value").value()).isEqualTo(0.5);
  }

  @Test
  void secretRenderedIntoTheUrlNeverAppearsInTheDetail() throws Exception {
    serve(503, "upstream says: token " + SECRET + " rejected");

    Measurement m = metrics.measure(new MeasureRequest(
        "latency-p99",
        template(null, new HttpJsonSource(server.url("/").toString() + "?token=${env:METRICS_TOKEN}", "/v", null)),
        Map.of()));

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("HTTP 503").doesNotContain(SECRET);
  }

  @Test
  void anAnswerLargerThanTheLimitIsAnErrorNotAPartialDocument() throws Exception {
    serve(200, "{\"v\":\"" + "x".repeat(MetricActivitiesImpl.MAX_BODY_BYTES) + "\"}");

    Measurement m = httpJson("/v");

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("larger than 4 MiB");
  }

  @Test
  void aValueThatEchoesTheSecretIsMaskedInTheDetail() throws Exception {
    serve(200, "{\"v\":\"bad token " + SECRET + "\"}");

    Measurement m = metrics.measure(new MeasureRequest(
        "latency-p99",
        template(null, new HttpJsonSource(server.url("/").toString() + "?token=${env:METRICS_TOKEN}", "/v", null)),
        Map.of()));

    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.detail()).contains("bad token ****").doesNotContain(SECRET);
  }

  private Measurement prometheus(String query) {
    return metrics.measure(new MeasureRequest(
        "error-rate", template(new PrometheusSource(server.url("/").toString(), query), null), Map.of()));
  }

  private Measurement httpJson(String pointer) {
    return metrics.measure(new MeasureRequest(
        "latency-p99", template(null, new HttpJsonSource(server.url("/m").toString(), pointer, null)), Map.of()));
  }

  private static AnalysisTemplate template(PrometheusSource prometheus, HttpJsonSource http) {
    return new AnalysisTemplate(prometheus, http, 0.01, null, null, null, null, null, null, null);
  }

  private void serve(int code, String body) {
    server.enqueue(new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build());
  }

  private static String vector(String series) {
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + series + "]}}";
  }
}
