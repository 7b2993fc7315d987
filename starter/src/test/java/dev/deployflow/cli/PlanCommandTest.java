package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code deployflow plan} against a Temporal test server whose worker runs a stand-in plan workflow. */
class PlanCommandTest {
  private static FakeReleaseServer server;

  @BeforeAll
  static void startServer() {
    server = FakeReleaseServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static CliRun cli(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--temporal";
    all[args.length + 1] = server.address();
    return CliRun.of(all);
  }

  @Test
  void printsThePlanAsAlignedSections() {
    CliRun run = cli("plan", "--app", "planshop", "--version", "1.2.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Plan for planshop 1.2.0 (standard, pipeline planshop)")
        .contains("Nothing was deployed.")
        .contains("Components (deploy order; a rollback runs in reverse): api → web")
        .contains("  environment  component  live    candidate")
        .contains("  production   api        1.1.0   1.2.0")
        .contains("  production   web        (none)  1.2.0")
        .contains("  production  approval  1 of bob, carol  timeout 10m, no self-approval")
        .contains("  10%   pause 3s  error-rate (max 0.01, 2 × 1s, failureLimit 0)")
        .contains("  production  HELD  outside deploy window mon-fri 09:00-17:00 UTC (opens 2026-12-02T09:00:00Z)")
        .contains("  1.  deploy      deploy api 1.2.0 to staging at 100%")
        .contains("  2.  smoke_test  smoke test health in staging")
        .contains("Minimum duration: 15s")
        .contains("Summary: planshop 1.2.0: api, web to staging, production; at least 15s");
  }

  @Test
  void jsonOutputIsThePlanRecord() throws Exception {
    CliRun run = cli("plan", "--app", "planshop", "--version", "2.0.0", "--kind", "hotfix", "--pipeline", "shop",
        "--output", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode plan = Json.mapper().readTree(run.out());
    assertThat(plan.get("kind").asText()).isEqualTo("hotfix");
    assertThat(plan.get("pipeline").asText()).isEqualTo("shop");
    assertThat(plan.get("diff").get(0).get("candidate").asText()).isEqualTo("2.0.0");
    assertThat(plan.get("steps").get(1).get("kind").asText()).isEqualTo("smoke_test");
    assertThat(plan.get("minimumSeconds").asLong()).isEqualTo(15);
  }

  @Test
  void aPipelineThatCannotBeLoadedFailsWithTheWorkersReason() {
    CliRun run = cli("plan", "--app", "broken-app", "--version", "1.0.0");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no plan for broken-app 1.0.0: pipeline 'broken-app' could not be loaded:"
        + " Pipeline file broken-app.yaml not found");
  }

  @Test
  void anInvalidVersionIsAUsageError() {
    CliRun run = cli("plan", "--app", "planshop", "--version", "not a version");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid plan: version");
  }
}
