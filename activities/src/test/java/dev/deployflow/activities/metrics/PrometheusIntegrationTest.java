package dev.deployflow.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpClients;
import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.analysis.Measurement.Kind;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.AnalysisTemplate.PrometheusSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a metric from a REAL Prometheus server (the "PrometheusIT" of this module, named *Test so
 * that the normal {@code mvn test} runs it). The test serves {@code demo_error_ratio 0.02} on its
 * own {@code /metrics}, lets a Prometheus process scrape it every second, and reads it back through
 * {@link MetricActivitiesImpl}. When no Prometheus binary exists and
 * {@code src/test/scripts/ensure-prometheus.sh} cannot install one, the test is skipped with the
 * reason, never passed.
 */
@Tag("integration")
class PrometheusIntegrationTest {
  private static final Path SCRIPT = Path.of("src/test/scripts/ensure-prometheus.sh");
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static HttpServer exporter;
  private static Process prometheus;
  private static int prometheusPort;
  private static Path prometheusLog;
  private static String skipReason;

  @BeforeAll
  static void startPrometheus() throws Exception {
    Path binary = findPrometheus();
    if (binary == null) {
      binary = runInstallScript();
    }
    if (binary == null) {
      // Reported by the test method, so that Surefire counts a skipped test, not an empty class.
      skipReason = "SKIPPED PrometheusIntegrationTest: no prometheus binary at /usr/bin/prometheus or on the PATH, "
          + "and " + SCRIPT + " could not install one (see its output above)";
      System.out.println(skipReason);
      return;
    }

    exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    exporter.createContext("/metrics", exchange -> {
      byte[] body = ("# HELP demo_error_ratio Share of failed requests.\n"
          + "# TYPE demo_error_ratio gauge\n"
          + "demo_error_ratio 0.02\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    exporter.start();

    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "scrape_configs:",
        "  - job_name: demo",
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + exporter.getAddress().getPort() + "']",
        ""));
    prometheusPort = freePort();
    prometheusLog = dir.resolve("prometheus.log");
    prometheus = new ProcessBuilder(List.of(
            binary.toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("tsdb"),
            "--web.listen-address=127.0.0.1:" + prometheusPort))
        .redirectErrorStream(true)
        .redirectOutput(prometheusLog.toFile())
        .start();
    System.out.println("started " + binary + " as pid " + prometheus.pid() + " on 127.0.0.1:" + prometheusPort);
  }

  @AfterAll
  static void stopPrometheus() throws Exception {
    if (prometheus != null) {
      long pid = prometheus.pid();
      prometheus.destroy();
      if (!prometheus.waitFor(15, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
        prometheus.waitFor(10, TimeUnit.SECONDS);
      }
      System.out.println("stopped prometheus pid " + pid + ", alive=" + prometheus.isAlive());
    }
    if (exporter != null) {
      exporter.stop(0);
    }
  }

  @Test
  void readsTheScrapedValueThroughTheMetricActivity() throws Exception {
    Assumptions.assumeTrue(skipReason == null, skipReason);
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("log.jsonl"), dir, Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), 0);
    MetricActivitiesImpl metrics = new MetricActivitiesImpl(settings, HttpClients.create(settings));
    MeasureRequest request = new MeasureRequest(
        "error-rate",
        new AnalysisTemplate(
            new PrometheusSource("http://127.0.0.1:" + prometheusPort, "demo_error_ratio"),
            null, 0.05, null, null, null, null, null, null, null),
        Map.of());

    long started = System.nanoTime();
    long deadline = started + READY_WITHIN.toNanos();
    Measurement m = metrics.measure(request);
    int attempts = 1;
    // Prometheus needs a moment to start and a first scrape; until then the answer is an error
    // (not listening yet) or no data (nothing scraped yet). The loop is bounded, not timed.
    while (m.kind() != Kind.VALUE && System.nanoTime() < deadline && prometheus.isAlive()) {
      Thread.sleep(250);
      m = metrics.measure(request);
      attempts++;
    }
    System.out.printf("prometheus answered with %s after %d queries, %d ms%n",
        m, attempts, (System.nanoTime() - started) / 1_000_000);

    assertThat(m.kind())
        .as("last measurement %s; prometheus log:%n%s", m, tail(prometheusLog))
        .isEqualTo(Kind.VALUE);
    assertThat(m.value()).isCloseTo(0.02, within(1e-12));
  }

  /**
   * Hostile label values checked by the real PromQL parser: each query must still parse (no
   * ERROR) and still select by its label (NO_DATA: no series carries that value). A value that
   * broke out of its string would give a parse error, or, with {@code or vector(1)}, a value.
   */
  @Test
  void hostileLabelValuesStayLabelValuesForTheRealParser() throws Exception {
    Assumptions.assumeTrue(skipReason == null, skipReason);
    ActivitySettings settings = new ActivitySettings(
        dir, dir, dir.resolve("log.jsonl"), dir, Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), 0);
    MetricActivitiesImpl metrics = new MetricActivitiesImpl(settings, HttpClients.create(settings));
    awaitScraped(metrics);

    List<String> hostile = new java.util.ArrayList<>(List.of(
        "demo\"} or vector(1) or up{a=\"", "x\\", "\\\"", "'", "`", "a\nb", "\u0000\u0001\u001f\u007f",
        "}[5m]", "{", ")", "#comment", "demo\\\" or vector(1) #", "ünïcødé ☃ 😀", "\\u0041", "%2F?&=#"));
    java.util.Random random = new java.util.Random(20261201);
    String alphabet = "\"'`\\{}[]()=~!,#\n\t x0é😀";
    for (int i = 0; i < 10; i++) {
      StringBuilder value = new StringBuilder();
      int[] points = alphabet.codePoints().toArray();
      for (int n = random.nextInt(12) + 1; n > 0; n--) {
        value.appendCodePoint(points[random.nextInt(points.length)]);
      }
      hostile.add(value.toString());
    }
    for (String value : hostile) {
      Measurement exact = metrics.measure(query("demo_error_ratio{job=\"demo\", probe=\"${application}\"}", value));
      Measurement single = metrics.measure(query("demo_error_ratio{job='demo', probe='${application}'}", value));
      Measurement regex = metrics.measure(query("demo_error_ratio{job=~\"${application}\"}", value));
      assertThat(List.of(exact.kind(), single.kind(), regex.kind())).as("value %s: %s / %s / %s", value, exact, single, regex)
          .containsOnly(Kind.NO_DATA);
    }
    // The regex matcher matches the value literally: "demo" selects the series, ".*" does not.
    assertThat(metrics.measure(query("demo_error_ratio{job=~\"${application}\"}", "demo")).kind()).isEqualTo(Kind.VALUE);
    assertThat(metrics.measure(query("demo_error_ratio{job=~\"${application}\"}", ".*")).kind()).isEqualTo(Kind.NO_DATA);
  }

  private MeasureRequest query(String template, String application) {
    return new MeasureRequest("probe", new AnalysisTemplate(
        new PrometheusSource("http://127.0.0.1:" + prometheusPort, template),
        null, 0.05, null, null, null, null, null, null, null), Map.of("application", application));
  }

  /* Bounded wait (not timed) until Prometheus answers and has scraped the exporter once. */
  private void awaitScraped(MetricActivitiesImpl metrics) throws InterruptedException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    Measurement m = metrics.measure(query("demo_error_ratio{job=\"${application}\"}", "demo"));
    while (m.kind() != Kind.VALUE && System.nanoTime() < deadline && prometheus.isAlive()) {
      Thread.sleep(250);
      m = metrics.measure(query("demo_error_ratio{job=\"${application}\"}", "demo"));
    }
    assertThat(m.kind()).as("last measurement %s; prometheus log:%n%s", m, tail(prometheusLog)).isEqualTo(Kind.VALUE);
  }

  private static Path findPrometheus() {
    Path standard = Path.of("/usr/bin/prometheus");
    if (Files.isExecutable(standard)) {
      return standard;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(entry, "prometheus");
        if (!entry.isEmpty() && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** Tries the install script once; returns the binary it reports, or null. */
  private static Path runInstallScript() throws IOException, InterruptedException {
    if (!Files.isRegularFile(SCRIPT)) {
      System.out.println("no install script at " + SCRIPT.toAbsolutePath());
      return null;
    }
    System.out.println("prometheus is missing; running " + SCRIPT + " once");
    Path output = Files.createTempFile("ensure-prometheus", ".log");
    Process install = new ProcessBuilder("sh", SCRIPT.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    if (!install.waitFor(20, TimeUnit.MINUTES)) {
      install.destroyForcibly();
      System.out.println("the install script did not finish within 20 minutes");
    }
    System.out.println(tail(output));
    Files.deleteIfExists(output);
    return findPrometheus();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
