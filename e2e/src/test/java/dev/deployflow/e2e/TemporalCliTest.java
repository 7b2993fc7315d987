package dev.deployflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every {@code temporal ...} command the README, CONTRACT.md and the live view print, run with
 * the real Temporal CLI against the dev server and the real worker, doing what the README says.
 * The commands are read from the documents (or from the release's status, where the live view
 * gets them), with only the application name replaced.
 */
@RealTemporal
class TemporalCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final SharedStack stack;
  private final TemporalCli cli;
  private final ReleaseClient releases;

  TemporalCliTest(SharedStack stack) {
    this.stack = stack;
    this.cli = stack.devServer().cli();
    this.releases = stack.devServer().releases();
  }

  @Test
  void theDocumentedStartSignalAndListCommandsRunARelease() throws Exception {
    String app = "e2e-cli-start";
    String start =
        PrintedCommands.find(PrintedCommands.readme(), "temporal workflow start --task-queue");
    if (java.nio.file.Files.isRegularFile(contract())) {
      assertThat(PrintedCommands.find(contract(), "temporal workflow start --task-queue"))
          .as("README and CONTRACT.md print the same start command")
          .isEqualTo(start);
    }
    TemporalCli.Result started = run(start.replace("shop-api", app).replace("1.2.0", "4.0.0"));
    assertThat(started.exitCode()).as(started.describe()).isZero();
    ReleaseStatus waiting = Await.status(releases, app, WAIT, Await::waitingAtGate);
    assertThat(waiting.requestedBy()).isEqualTo("alice");
    assertThat(waiting.version()).isEqualTo("4.0.0");

    String signal =
        PrintedCommands.find(PrintedCommands.readme(), "temporal workflow signal --workflow-id");
    TemporalCli.Result signalled = run(PrintedCommands.forApplication(signal, app, null));
    assertThat(signalled.exitCode()).as(signalled.describe()).isZero();

    ReleaseResult result = releases.awaitResult(app, WAIT);
    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);

    String list = PrintedCommands.find(PrintedCommands.readme(), "temporal workflow list --query");
    List<String> listArgs =
        PrintedCommands.arguments(PrintedCommands.forApplication(list, app, "succeeded"));
    List<String> withJson = new ArrayList<>(listArgs);
    withJson.addAll(List.of("--output", "json"));
    JsonNode listed = awaitListed(withJson, 1);
    assertThat(listed.get(0).path("execution").path("workflowId").asText())
        .isEqualTo("deploy-" + app);
    List<String> noneArgs =
        PrintedCommands.arguments(PrintedCommands.forApplication(list, app, "aborted"));
    TemporalCli.Result none = cli.run(noneArgs);
    assertThat(none.stdout()).as(none.describe()).doesNotContain("deploy-" + app);
  }

  @Test
  void updateQueryDescribeMetadataAndShowOnAReleaseAtItsGate() throws Exception {
    String app = "e2e-cli-update";
    String workflowId = "deploy-" + app;
    releases.start(gateRelease(app, "5.0.0"));
    ReleaseStatus waiting = Await.status(releases, app, WAIT, Await::waitingAtGate);

    String query = readme("temporal workflow query --workflow-id", app);
    TemporalCli.Result queried = run(query);
    assertThat(queried.exitCode()).as(queried.describe()).isZero();
    // The CLI prints "Query result:" and "QueryResult  {...}", the status as the worker's JSON.
    assertThat(queried.stdout()).contains("QueryResult");
    JsonNode status = JSON.readTree(queried.stdout().substring(queried.stdout().indexOf('{')));
    assertThat(status.path("application").asText()).isEqualTo(app);
    assertThat(status.path("phase").asText()).isEqualTo("approval");
    assertThat(status.path("state").asText()).isEqualTo("waiting");

    TemporalCli.Result described = run(readme("temporal workflow describe --workflow-id", app));
    assertThat(described.exitCode()).as(described.describe()).isZero();
    assertThat(described.stdout())
        .as("the release's summary and its search attributes")
        .contains("StaticSummary  \"release " + app + " 5.0.0 requested by alice\"")
        .contains("DeployPhase")
        .contains("Pending Activities");

    TemporalCli.Result metadata = run(readme("temporal workflow metadata --workflow-id", app));
    assertThat(metadata.exitCode()).as(metadata.describe()).isZero();
    assertThat(metadata.stdout())
        .as("the current details and the messages the release accepts")
        .contains("Update Definitions")
        .contains("Current Details")
        .contains("**" + app + " 5.0.0** — phase `approval`, waiting")
        .contains("waiting for approval of 5.0.0 to production");

    // The live view prints the gate's commands from the status; run the Temporal CLI one.
    String printed =
        waiting.gates().get(0).commands().stream()
            .filter(c -> c.startsWith("temporal ") && c.contains("\"bob\""))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no temporal command in " + waiting.gates()));
    assertThat(printed)
        .isEqualTo(
            PrintedCommands.forApplication(
                PrintedCommands.find(
                    PrintedCommands.readme(), "temporal workflow update execute --workflow-id"),
                app,
                null));
    int eventsBefore = historyEvents(workflowId).size();

    TemporalCli.Result refused = run(printed.replace("\"bob\"", "\"mallory\""));
    assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
    assertThat(refused.stdout() + refused.stderr())
        .as("the validator's message")
        .contains("mallory may not approve " + app);
    TemporalCli.Result self = run(printed.replace("\"bob\"", "\"alice\""));
    assertThat(self.exitCode()).as(self.describe()).isNotZero();
    assertThat(self.stdout() + self.stderr())
        .as("the requester is refused too")
        .contains("alice may not approve " + app);
    List<String> afterRefusals = historyEvents(workflowId);
    assertThat(afterRefusals).as("refused updates leave no trace").hasSize(eventsBefore);
    assertThat(afterRefusals).noneMatch(type -> type.contains("UPDATE"));

    TemporalCli.Result accepted = run(printed);
    assertThat(accepted.exitCode()).as(accepted.describe()).isZero();
    assertThat(accepted.stdout()).as(accepted.describe()).contains("bob");
    assertThat(historyEvents(workflowId)).anyMatch(type -> type.contains("UPDATE_ACCEPTED"));

    assertThat(releases.awaitResult(app, WAIT).outcome()).isEqualTo(Outcome.SUCCEEDED);
    TemporalCli.Result shown = run(readme("temporal workflow show --workflow-id", app));
    assertThat(shown.exitCode()).as(shown.describe()).isZero();
    assertThat(shown.stdout()).contains("ActivityTaskScheduled", "WorkflowExecutionUpdateAccepted");
    List<String> summaries = summaries(workflowId);
    System.out.println("summaries: " + summaries);
    assertThat(summaries)
        .as("each activity, timer and child workflow carries its summary")
        .contains("deploy api 5.0.0 to production at 50%", "deploy api 5.0.0 to staging at 100%");
  }

  @Test
  void cancelRollsBackAndEndsAborted() throws Exception {
    String app = "e2e-cli-cancel";
    releases.start(gateRelease(app, "6.0.0-rc1"));
    Await.status(releases, app, WAIT, Await::waitingAtGate);
    assertThat(stack.target().state().snapshot().get("staging").get("api").toString())
        .contains("6.0.0-rc1");

    TemporalCli.Result cancelled = run(readme("temporal workflow cancel --workflow-id", app));
    assertThat(cancelled.exitCode()).as(cancelled.describe()).isZero();

    ReleaseStatus done =
        Await.status(releases, app, WAIT, s -> s.outcome() != null && s.state().json().equals("done"));
    assertThat(done.outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(done.compensations())
        .as("the staging deploy was rolled back")
        .anySatisfy(c -> assertThat(c.action()).contains("staging"))
        .allSatisfy(c -> assertThat(c.state()).isEqualTo(dev.deployflow.model.CompensationState.DONE));
    assertThat(stack.target().state().snapshot().get("staging").get("api").toString())
        .doesNotContain("6.0.0-rc1");

    List<String> list =
        new ArrayList<>(
            PrintedCommands.arguments(
                PrintedCommands.forApplication(
                    PrintedCommands.find(PrintedCommands.readme(), "temporal workflow list --query"),
                    app,
                    "aborted")));
    list.addAll(List.of("--output", "json"));
    assertThat(awaitListed(list, 1).get(0).path("execution").path("workflowId").asText())
        .isEqualTo("deploy-" + app);
  }

  /**
   * The summaries of the history's events, from {@code temporal workflow show --output json},
   * which prints each summary as a base64 JSON payload.
   */
  private List<String> summaries(String workflowId) throws Exception {
    TemporalCli.Result shown =
        cli.run("workflow", "show", "--workflow-id", workflowId, "--output", "json");
    List<String> summaries = new ArrayList<>();
    for (JsonNode event : JSON.readTree(shown.stdout()).path("events")) {
      JsonNode data = event.path("userMetadata").path("summary").path("data");
      if (data.isTextual()) {
        summaries.add(JSON.readTree(java.util.Base64.getDecoder().decode(data.asText())).asText());
      }
    }
    return summaries;
  }

  /** The event types of the workflow's history, from {@code temporal workflow show}. */
  private List<String> historyEvents(String workflowId) throws Exception {
    TemporalCli.Result shown =
        cli.run("workflow", "show", "--workflow-id", workflowId, "--output", "json");
    assertThat(shown.exitCode()).as(shown.describe()).isZero();
    List<String> types = new ArrayList<>();
    for (JsonNode event : JSON.readTree(shown.stdout()).path("events")) {
      types.add(event.path("eventType").asText());
    }
    assertThat(types).as(shown.describe()).isNotEmpty();
    return types;
  }

  /** The README's command starting with {@code prefix}, for {@code app}. */
  private static String readme(String prefix, String app) {
    return PrintedCommands.forApplication(
        PrintedCommands.find(PrintedCommands.readme(), prefix), app, null);
  }

  private JsonNode awaitListed(List<String> args, int expected) throws Exception {
    // Visibility follows the workflow's close by a moment.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    TemporalCli.Result result;
    do {
      result = cli.run(args);
      assertThat(result.exitCode()).as(result.describe()).isZero();
      JsonNode rows = parseRows(result.stdout());
      if (rows.size() >= expected) {
        return rows;
      }
      Await.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("listed fewer than " + expected + ": " + result.describe());
  }

  private static JsonNode parseRows(String stdout) throws Exception {
    String text = stdout.strip();
    if (text.isEmpty()) {
      return JSON.createArrayNode();
    }
    JsonNode node = JSON.readTree(text);
    return node.isArray() ? node : JSON.createArrayNode().add(node);
  }

  private TemporalCli.Result run(String command) {
    return cli.run(PrintedCommands.arguments(command));
  }

  /** The interface contract, kept beside the repository on the project's machines. */
  private static Path contract() {
    return Path.of(System.getProperty("deployflow.e2e.contract", "/work/shared/CONTRACT.md"));
  }

  static ReleaseRequest gateRelease(String app, String version) {
    return new ReleaseRequest(app, version, "e2e-gate", null, null, "alice", List.of(), null);
  }
}
