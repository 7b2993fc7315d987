package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.cli.CommandHints;
import dev.deployflow.cli.DeployflowCli;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.demo.target.DemoTarget;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.GateState;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10's acceptance test: two releases on the real dev server through the real worker, one
 * succeeding and one rolled back by its failing canary analysis; then the worker's
 * {@code /actuator/prometheus}, {@code deployflow history} and {@code deployflow dora} (the CLI's
 * main code) show exactly those two. The worker is this class's own, on its own task queue, so that
 * its metrics count only these releases; it reports metrics every 500 ms.
 */
@RealTemporal
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleaseMetricsHistoryDoraTest {
  static final String APP = "e2e-metrics";
  static final String QUEUE = "e2e-metrics-queue";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DevServer dev;
  private DemoTarget target;
  private WorkerProcess worker;
  private ReleaseClient releases;
  private Instant committedAt;
  private PrometheusScrape scrape;

  @BeforeAll
  void runTwoReleases(DevServer dev) throws Exception {
    this.dev = dev;
    target = DemoTarget.start(0);
    worker = WorkerProcess.builder(dev.address(), "metrics")
        .env("DEMO_TARGET_URL", target.url())
        .arg("--deployflow.task-queue=" + QUEUE)
        .arg("--deployflow.metrics-report-interval=500ms")
        .start();
    releases = new ReleaseClient(dev.client(), QUEUE);
    committedAt = Instant.now().minusSeconds(3600);

    assertThat(release("1.0.0", committedAt.toString()).outcome()).as(worker.logTail()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(release("1.1.0-bad", null).outcome()).as(worker.logTail()).isEqualTo(Outcome.ROLLED_BACK);
    scrape = PrometheusScrape.awaitSeries(worker.baseUrl(), "deployflow_rollbacks_total", Duration.ofSeconds(15));
  }

  @AfterAll
  void stop() {
    if (worker != null) {
      worker.close();
    }
    if (target != null) {
      target.close();
    }
  }

  /** One release: started, approved by bob at its gate, awaited. */
  private ReleaseResult release(String version, String committed) throws InterruptedException {
    releases.start(new ReleaseRequest(APP, version, null, null, null, "alice", List.of("change " + version), null, committed));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (releases.status(APP).gates().stream().noneMatch(g -> g.state() == GateState.WAITING)) {
      assertThat(System.nanoTime()).as("the approval gate of " + version + " opens\n" + worker.logTail()).isLessThan(deadline);
      Thread.sleep(100);
    }
    releases.approve(APP, new ApproveMessage("bob", null, "ok"));
    return releases.awaitResult(APP, Duration.ofSeconds(60));
  }

  /** What PrometheusDashboardTest reads: the live worker's scrape, after both releases. */
  PrometheusScrape scrape() {
    return scrape;
  }

  WorkerProcess worker() {
    return worker;
  }

  @Test
  void prometheusCountsEachReleaseOnceWithItsLabels() {
    assertThat(scrape.value("deployflow_releases_started_total", "application", APP, "kind", "standard")).isEqualTo(2.0);
    assertThat(scrape.value("deployflow_releases_finished_total", "application", APP, "outcome", "succeeded")).isEqualTo(1.0);
    assertThat(scrape.value("deployflow_releases_finished_total", "application", APP, "outcome", "rolled_back")).isEqualTo(1.0);
    assertThat(scrape.value("deployflow_release_duration_seconds_count", "application", APP, "outcome", "succeeded")).isEqualTo(1.0);
    assertThat(scrape.value("deployflow_release_duration_seconds_count", "application", APP, "outcome", "rolled_back")).isEqualTo(1.0);
    assertThat(scrape.value("deployflow_gate_wait_seconds_count", "application", APP, "gate", "production", "kind", "approval"))
        .isEqualTo(2.0);
    assertThat(scrape.value("deployflow_rollbacks_total", "application", APP, "level", "code", "trigger", "automatic"))
        .isEqualTo(1.0);
    assertThat(scrape.value("deployflow_analysis_measurements_total", "application", APP, "metric", "error-rate", "result", "successful"))
        .isEqualTo(2.0);
    assertThat(scrape.value("deployflow_analysis_measurements_total", "application", APP, "metric", "error-rate", "result", "failed"))
        .isEqualTo(1.0);
    assertThat(scrape.value("deployflow_lead_time_seconds_count", "application", APP)).isEqualTo(1.0);
    assertThat(scrape.value("deployflow_lead_time_seconds_sum", "application", APP)).isGreaterThanOrEqualTo(3600.0);
    assertThat(scrape.value("deployflow_time_to_restore_seconds_count", "application", APP)).isEqualTo(1.0);
    // The Temporal SDK's own metrics beside them.
    assertThat(scrape.names()).contains("temporal_workflow_task_execution_latency_seconds_count",
        "temporal_activity_execution_latency_seconds_count");
  }

  @Test
  void historyListsBothReleasesNewestFirst() throws Exception {
    Cli run = cli("history", "--app", APP, "--limit", "10", "--ui-url", dev.uiUrl(), "--output", "json");
    assertThat(run.code).as(run.err).isZero();
    JsonNode list = JSON.readTree(run.out);
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("version").asText()).isEqualTo("1.1.0-bad");
    assertThat(list.get(0).get("outcome").asText()).isEqualTo("rolled_back");
    assertThat(list.get(1).get("version").asText()).isEqualTo("1.0.0");
    assertThat(list.get(1).get("outcome").asText()).isEqualTo("succeeded");
    for (JsonNode r : list) {
      assertThat(r.get("requestedBy").asText()).isEqualTo("alice");
      assertThat(r.get("approvedBy").get(0).asText()).isEqualTo("bob");
      assertThat(r.get("runId").asText()).isNotBlank();
      assertThat(r.get("uiLink").asText()).startsWith(dev.uiUrl() + "/namespaces/default/workflows/deploy-" + APP + "/");
      assertThat(r.get("durationSeconds").asLong()).isGreaterThanOrEqualTo(0);
    }
    assertThat(list.get(1).get("committedAt").asText()).isEqualTo(Instant.ofEpochMilli(committedAt.toEpochMilli()).toString());

    Cli text = cli("history", "--app", APP);
    assertThat(text.code).as(text.err).isZero();
    assertThat(text.out).contains("1.1.0-bad").contains("rolled_back").contains("1.0.0").contains("succeeded");
  }

  @Test
  void doraComputesTheFourFiguresFromTheVisibilityStore() throws Exception {
    Cli run = cli("dora", "--app", APP, "--since", "1d", "--output", "json");
    assertThat(run.code).as(run.err).isZero();
    JsonNode dora = JSON.readTree(run.out);
    assertThat(dora.get("deployments").asInt()).isEqualTo(2);
    assertThat(dora.get("succeeded").asInt()).isEqualTo(1);
    assertThat(dora.get("failed").asInt()).isEqualTo(1);
    assertThat(dora.get("deploymentsPerDay").asDouble()).isEqualTo(1.0);
    assertThat(dora.get("changeFailureRate").asDouble()).isEqualTo(0.5);
    assertThat(dora.get("leadTimeSeconds").asDouble()).isGreaterThanOrEqualTo(3600.0);
    assertThat(dora.get("timeToRestoreSeconds").asDouble()).isGreaterThanOrEqualTo(0.0);

    Cli text = cli("dora", "--app", APP);
    assertThat(text.code).as(text.err).isZero();
    assertThat(text.out).contains("change failure rate    50% (1 of 2)");
  }

  /**
   * The Grafana dashboard: every metric its panels query is in the live worker's scrape, and every
   * query, with Grafana's variables filled in, runs without error on the real Prometheus scraping
   * that worker.
   */
  @Test
  void everyDashboardQueryNamesExportedMetricsAndRunsOnPrometheus() throws Exception {
    List<String> queries = new java.util.ArrayList<>();
    JsonNode dashboard = JSON.readTree(E2ePaths.repoRoot().resolve("deploy/grafana/dashboards/deployflow.json").toFile());
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode t : panel.path("targets")) {
        queries.add(t.get("expr").asText());
      }
    }
    assertThat(queries).hasSizeGreaterThan(10);
    java.util.regex.Pattern metric = java.util.regex.Pattern.compile("\\b(?:deployflow|temporal)_[a-z0-9_]+\\b");
    java.util.Set<String> named = new java.util.TreeSet<>();
    queries.forEach(q -> metric.matcher(q).results().forEach(r -> named.add(r.group())));
    assertThat(named).contains("deployflow_releases_finished_total", "deployflow_lead_time_seconds_sum",
        "temporal_workflow_task_execution_latency_seconds_sum");
    assertThat(scrape.names()).as("metrics the dashboard queries").containsAll(named);

    java.nio.file.Path binary = PrometheusServer.binary();
    org.junit.jupiter.api.Assumptions.assumeTrue(binary != null, "no prometheus binary could be installed");
    try (PrometheusServer prometheus = PrometheusServer.scraping(binary, "127.0.0.1:" + worker.httpPort(),
        E2ePaths.targetDir("prometheus-" + ProcessHandle.current().pid()))) {
      assertThat(prometheus.awaitSeries("deployflow_releases_started_total{application=\"" + APP + "\"}",
          Duration.ofSeconds(30))).as(prometheus.logTail()).isTrue();
      for (String q : queries) {
        String runnable = q.replace("$__rate_interval", "1m").replace("$__range_s", "86400")
            .replace("$__range", "1h").replace("$application", ".*");
        JsonNode answer = prometheus.query(runnable);
        assertThat(answer.path("status").asText()).as(runnable + " -> " + answer).isEqualTo("success");
      }
      JsonNode started = prometheus.query("sum(deployflow_releases_started_total{application=\"" + APP + "\"})");
      assertThat(started.path("data").path("result").get(0).path("value").get(1).asDouble()).isEqualTo(2.0);
    }
  }

  private record Cli(int code, String out, String err) {}

  private Cli cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--temporal";
    all[args.length + 1] = dev.address();
    all[args.length + 2] = "--task-queue";
    all[args.length + 3] = QUEUE;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = DeployflowCli.run(all, o, e, CommandHints.plain());
      return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
