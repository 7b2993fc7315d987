package dev.deployflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus the tests install (activities/src/test/scripts/ensure-prometheus.sh puts it
 * at /usr/bin/prometheus) on a free loopback port, scraping one worker's /actuator/prometheus every
 * second. Stopped by its PID.
 */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final int port;
  private final Path log;

  private PrometheusServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The binary, installing it with the activities' script when missing; null when it cannot be had. */
  static Path binary() throws IOException, InterruptedException {
    for (Path candidate : List.of(Path.of("/usr/bin/prometheus"), Path.of("/usr/local/bin/prometheus"))) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path script = E2ePaths.repoRoot().resolve("activities/src/test/scripts/ensure-prometheus.sh");
    Process install = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
    String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
      System.out.println("ensure-prometheus.sh could not install prometheus:\n" + output);
      return null;
    }
    return Path.of(output.substring(output.lastIndexOf('\n') + 1).strip());
  }

  static PrometheusServer scraping(Path binary, String workerHostPort, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "scrape_configs:",
        "  - job_name: deployflow-worker",
        "    metrics_path: /actuator/prometheus",
        "    static_configs:",
        "      - targets: ['" + workerHostPort + "']",
        ""));
    int port = Ports.free();
    Path log = dir.resolve("prometheus.log");
    Process process = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new PrometheusServer(process, port, log);
  }

  /** Runs an instant query; the whole JSON answer ({@code status}, {@code data} or {@code error}). */
  JsonNode query(String promql) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /** Waits until the query returns at least one series: Prometheus is up and has scraped. */
  boolean awaitSeries(String promql, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        JsonNode answer = query(promql);
        if ("success".equals(answer.path("status").asText()) && answer.path("data").path("result").size() > 0) {
          return true;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    return false;
  }

  String logTail() {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 3000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
