package dev.deployflow.pipeline;

import static dev.deployflow.pipeline.PipelineSamples.REMOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case breaks one value of the CONTRACT.md pipeline (by JSON pointer) and states the one
 * problem the validator must report, starting with its path.
 */
class PipelineValidatorTest {

  @Test
  void theContractPipelineIsValid() {
    assertThat(PipelineValidator.validate(PipelineSamples.shopApi())).isEmpty();
  }

  @Test
  void aMinimalPipelineIsValid() {
    Pipeline minimal = new Pipeline("shop", null,
        List.of(new Component("api", null, null, null, new DeploySpec(List.of("./deploy.sh"), null, null, null, null))),
        List.of(new Environment("production", null, null, null, null, null, null, null)),
        null, null, null, null);
    assertThat(PipelineValidator.validate(minimal)).isEmpty();
  }

  static Stream<Arguments> validVariations() {
    return Stream.of(
        arguments("/environments/1/window/to", "\"06:00\""),
        arguments("/environments/1/window/to", "\"24:00\""),
        arguments("/environments/1/window/days", "[\"Mon\", \"SAT\", \"sun\"]"),
        arguments("/environments/1/window/zone", "\"UTC\""),
        arguments("/environments/1/approval/required", "2"),
        arguments("/environments/1/rollout", "[{\"weight\": 1}, {\"weight\": 99}]"),
        arguments("/environments/1/rollout/0/pause", "\"0s\""),
        arguments("/environments/1/rollout", REMOVE),
        arguments("/analysis/error-rate/max", REMOVE),
        arguments("/analysis/latency-p99/http/jsonPointer", "\"\""),
        arguments("/notifications/0/on", "[\"started\", \"awaiting_approval\", \"approval_reminder\", \"approved\","
            + " \"rejected\", \"rollout_step\", \"escalated\", \"succeeded\", \"rolled_back\", \"failed\", \"aborted\"]"),
        arguments("/notifications/0/webhook/format", "\"json\""),
        arguments("/environments/1/onFailure", "\"ask\""),
        arguments("/environments/0/onFailure", "\"rollback\""),
        arguments("/notifications/0/on", "[\"decision_needed\"]"),
        arguments("/components/1/deploy/http/headers/X-Trace", "\"${application}-${version}\""),
        arguments("/components/0/deploy/command/0", "\"${env:DEPLOY_HOME}/deploy.sh\""));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("validVariations")
  void acceptsValidVariations(String pointer, String json) {
    assertThat(PipelineValidator.validate(PipelineSamples.shopApiWith(pointer, json))).isEmpty();
  }

  static Stream<Arguments> invalidPipelines() {
    return Stream.of(
        // application
        arguments("application: is required", "/application", REMOVE),
        arguments("application: 'Shop API' must match", "/application", "\"Shop API\""),
        // components
        arguments("components: at least one component is required", "/components", "[]"),
        arguments("components[0]: must not be empty", "/components/0", "null"),
        arguments("components[0].name: is required", "/components/0/name", REMOVE),
        arguments("components[1].name: 'api' is already used by components[0]", "/components/1/name", "\"api\""),
        arguments("components[0].deploy: is required", "/components/0/deploy", REMOVE),
        arguments("components[0].deploy: give exactly one of command or http",
            "/components/0/deploy/http", "{\"url\": \"https://deploy.example.com\"}"),
        arguments("components[0].deploy: give exactly one of command or http", "/components/0/deploy/command", "[]"),
        arguments("components[1].deploy.http.url: is required", "/components/1/deploy/http/url", REMOVE),
        arguments("components[1].deploy.http.method: 'FETCH' is not one of", "/components/1/deploy/http/method", "\"FETCH\""),
        arguments("components[0].deploy.timeout: '5x' is not a duration", "/components/0/deploy/timeout", "\"5x\""),
        arguments("components[0].build.command: is required when build is given", "/components/0/build/command", "[]"),
        arguments("components[0].build.command[0]: the program to run must not be blank",
            "/components/0/build/command/0", "\" \""),
        arguments("components[0].build.command[1]: must not be null", "/components/0/build/command/1", "null"),
        arguments("components[0].build.timeout: '20 minutes' is not a duration",
            "/components/0/build/timeout", "\"20 minutes\""),
        arguments("components[0].build.timeout: must be longer than 0", "/components/0/build/timeout", "\"0s\""),
        arguments("components[0].build.artifacts[0].path: is required", "/components/0/build/artifacts/0/path", REMOVE),
        arguments("components[0].build.artifacts[0].maxSize: '300 megabytes' is not a size",
            "/components/0/build/artifacts/0/maxSize", "\"300 megabytes\""),
        arguments("components[0].build.artifacts[0].maxSize: '999999999999TB' is too large",
            "/components/0/build/artifacts/0/maxSize", "\"999999999999TB\""),
        arguments("components[0].build.artifacts[0].sha256File: unknown placeholder ${sha}",
            "/components/0/build/artifacts/0/sha256File", "\"${sha}\""),
        arguments("components[0].migrate.command: is required when migrate is given",
            "/components/0/migrate/command", REMOVE),
        arguments("components[0].migrate.timeout: '1w' is not a duration", "/components/0/migrate/timeout", "\"1w\""),
        arguments("components[0].deploy.currentVersion.http.jsonPointer: 'version' is not a JSON pointer",
            "/components/0/deploy/currentVersion/http/jsonPointer", "\"version\""),
        arguments("components[0].deploy.currentVersion: give exactly one of command or http",
            "/components/0/deploy/currentVersion/command", "[\"cat\", \"VERSION\"]"),
        // placeholders and secrets
        arguments("components[0].deploy.command[3]: unknown placeholder ${verison}; use ${version}",
            "/components/0/deploy/command/3", "\"${verison}\""),
        arguments("components[1].deploy.http.body: ${env:} does not name an environment variable",
            "/components/1/deploy/http/body", "\"${env:}\""),
        arguments("components[1].deploy.http.url: a placeholder is not closed",
            "/components/1/deploy/http/url", "\"https://deploy.example.com/${version\""),
        arguments("components[1].deploy.http.headers.Authorization: write this header's value as ${env:NAME}",
            "/components/1/deploy/http/headers/Authorization", "\"Bearer abc123\""),
        arguments("components[1].deploy.http.url: write a password in the URL as ${env:NAME}",
            "/components/1/deploy/http/url", "\"https://deployer:hunter2@deploy.example.com/hooks/web\""),
        // environments
        arguments("environments: at least one environment is required", "/environments", "[]"),
        arguments("environments[1].name: 'staging' is already used by environments[0]", "/environments/1/name", "\"staging\""),
        arguments("environments[1].name: 'prod env' must not contain spaces", "/environments/1/name", "\"prod env\""),
        arguments("environments[0].requiredConfig[1]: must not be blank", "/environments/0/requiredConfig/1", "\"\""),
        arguments("environments[0].smokeTests[0].request.url: is required",
            "/environments/0/smokeTests/0/request/url", REMOVE),
        arguments("environments[0].smokeTests[0].expect.maxLatency: '2 seconds' is not a duration",
            "/environments/0/smokeTests/0/expect/maxLatency", "\"2 seconds\""),
        arguments("environments[0].smokeTests[0].expect.status: must be an HTTP status between 100 and 599, was 700",
            "/environments/0/smokeTests/0/expect/status", "700"),
        arguments("environments[0].smokeTests[1].name: 'health' is already used by environments[0].smokeTests[0]",
            "/environments/0/smokeTests/1", "{\"name\": \"health\", \"request\": {\"url\": \"https://x.example.com\"}}"),
        arguments("environments[0].rollout: only the last environment (production) rolls out in steps",
            "/environments/0/rollout", "[{\"weight\": 100}]"),
        arguments("environments[0].stability: only the last environment (production) holds a stability window",
            "/environments/0/stability", "{\"duration\": \"1h\"}"),
        // rollout
        arguments("environments[1].rollout[0].weight: must be between 1 and 100, was 0",
            "/environments/1/rollout/0/weight", "0"),
        arguments("environments[1].rollout[2].weight: must be between 1 and 100, was 101",
            "/environments/1/rollout/2/weight", "101"),
        arguments("environments[1].rollout[1].weight: must be greater than the previous step's 10, was 10",
            "/environments/1/rollout/1/weight", "10"),
        arguments("environments[1].rollout[0].weight: is required", "/environments/1/rollout/0/weight", REMOVE),
        arguments("environments[1].rollout[1]: must not be empty", "/environments/1/rollout/1", "null"),
        arguments("environments[1].rollout[0].pause: 'ten minutes' is not a duration",
            "/environments/1/rollout/0/pause", "\"ten minutes\""),
        arguments("environments[1].rollout[0].analysis[1]: no analysis named 'latency' in analysis",
            "/environments/1/rollout/0/analysis/1", "\"latency\""),
        arguments("hotfix.rollout[1].weight: must be greater than the previous step's 50, was 20",
            "/hotfix/rollout", "[{\"weight\": 50}, {\"weight\": 20}]"),
        arguments("hotfix.rollout[0].analysis[0]: no analysis named 'nope'",
            "/hotfix/rollout/0/analysis", "[\"nope\"]"),
        // stability
        arguments("environments[1].stability.duration: is required", "/environments/1/stability/duration", REMOVE),
        arguments("environments[1].stability.interval: must not be longer than the duration 2h",
            "/environments/1/stability/interval", "\"3h\""),
        arguments("environments[1].stability.interval: '5 min' is not a duration",
            "/environments/1/stability/interval", "\"5 min\""),
        arguments("environments[1].stability.analysis[0]: no analysis named 'errors'",
            "/environments/1/stability/analysis/0", "\"errors\""),
        // approval
        arguments("environments[1].approval.approvers: at least one approver is required",
            "/environments/1/approval/approvers", "[]"),
        arguments("environments[1].approval.approvers[2]: 'bob' is listed twice",
            "/environments/1/approval/approvers/2", "\"bob\""),
        arguments("environments[1].approval.required: must be between 1 and 2 (the number of approvers), was 3",
            "/environments/1/approval/required", "3"),
        arguments("environments[1].approval.required: must be between 1 and 2 (the number of approvers), was 0",
            "/environments/1/approval/required", "0"),
        arguments("environments[1].approval.timeout: 'a day' is not a duration",
            "/environments/1/approval/timeout", "\"a day\""),
        arguments("environments[1].approval.remindBefore[0]: must be shorter than the approval timeout 24h",
            "/environments/1/approval/remindBefore/0", "\"2d\""),
        arguments("environments[1].approval.remindBefore[0]: 'soon' is not a duration",
            "/environments/1/approval/remindBefore/0", "\"soon\""),
        arguments("environments[1].approval.remindBefore[0]: needs an approval timeout to count back from",
            "/environments/1/approval/timeout", REMOVE),
        // window and freezes
        arguments("environments[1].window.days: at least one day is required", "/environments/1/window/days", "[]"),
        arguments("environments[1].window.days[0]: 'monday' is not a day", "/environments/1/window/days/0", "\"monday\""),
        arguments("environments[1].window.days[1]: 'mon' is listed twice", "/environments/1/window/days/1", "\"mon\""),
        arguments("environments[1].window.from: '9:00' is not a time of day", "/environments/1/window/from", "\"9:00\""),
        arguments("environments[1].window.to: '25:00' is not a time of day", "/environments/1/window/to", "\"25:00\""),
        arguments("environments[1].window.to: must differ from from", "/environments/1/window/to", "\"09:00\""),
        arguments("environments[1].window.zone: 'Europe/Atlantis' is not a known time zone",
            "/environments/1/window/zone", "\"Europe/Atlantis\""),
        arguments("environments[1].window.zone: a time zone is required", "/environments/1/window/zone", REMOVE),
        arguments("environments[1].freezes[0].to: must be after from", "/environments/1/freezes/0/to",
            "\"2026-12-01T00:00:00Z\""),
        arguments("environments[1].freezes[0].from: '2026-12-20' is not an ISO-8601 instant",
            "/environments/1/freezes/0/from", "\"2026-12-20\""),
        arguments("environments[1].freezes[0].to: is required", "/environments/1/freezes/0/to", REMOVE),
        // guided failure
        arguments("environments[1].onFailure: must be ask or rollback, was 'retry'", "/environments/1/onFailure", "\"retry\""),
        arguments("environments[0].decisionTimeout: applies only with onFailure: ask",
            "/environments/0/decisionTimeout", "\"10m\""),
        // analysis
        arguments("analysis.error-rate: give exactly one source, prometheus or http",
            "/analysis/error-rate/http", "{\"url\": \"https://m.example.com\", \"jsonPointer\": \"/v\"}"),
        arguments("analysis.error-rate: give exactly one source, prometheus or http",
            "/analysis/error-rate/prometheus", REMOVE),
        arguments("analysis.error-rate.prometheus.url: is required", "/analysis/error-rate/prometheus/url", REMOVE),
        arguments("analysis.error-rate.prometheus.query: is required", "/analysis/error-rate/prometheus/query", REMOVE),
        arguments("analysis.error-rate.prometheus.query: unknown placeholder ${app}",
            "/analysis/error-rate/prometheus/query", "\"rate(errors{app='${app}'}[1m])\""),
        arguments("analysis.latency-p99.http.url: is required", "/analysis/latency-p99/http/url", REMOVE),
        arguments("analysis.latency-p99.http.jsonPointer: is required", "/analysis/latency-p99/http/jsonPointer", REMOVE),
        arguments("analysis.latency-p99: give at least one of max, min or maxIncrease", "/analysis/latency-p99/max", REMOVE),
        arguments("analysis.error-rate.maxIncrease: '50' is not a percentage", "/analysis/error-rate/maxIncrease", "\"50\""),
        arguments("analysis.error-rate.min: must not be greater than max", "/analysis/error-rate/min", "0.5"),
        arguments("analysis.error-rate.count: must be at least 1, was 0", "/analysis/error-rate/count", "0"),
        arguments("analysis.error-rate.failureLimit: must be at least 0, was -1", "/analysis/error-rate/failureLimit", "-1"),
        arguments("analysis.error-rate.inconclusiveLimit: must be at least 0, was -1",
            "/analysis/error-rate/inconclusiveLimit", "-1"),
        arguments("analysis.error-rate.consecutiveErrorLimit: must be at least 0, was -2",
            "/analysis/error-rate/consecutiveErrorLimit", "-2"),
        arguments("analysis.error-rate.interval: must be longer than 0", "/analysis/error-rate/interval", "\"0s\""),
        // notifications and rollback
        arguments("notifications[0].webhook: is required", "/notifications/0/webhook", REMOVE),
        arguments("notifications[0].webhook.url: is required", "/notifications/0/webhook/url", REMOVE),
        arguments("notifications[0].webhook.format: 'teams' is not one of slack, json",
            "/notifications/0/webhook/format", "\"teams\""),
        arguments("notifications[0].webhook.format: is required", "/notifications/0/webhook/format", REMOVE),
        arguments("notifications[0].on[1]: 'deployed' is not one of started, awaiting_approval",
            "/notifications/0/on/1", "\"deployed\""),
        arguments("rollback.config.command: is required", "/rollback/config/command", "[]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPipelines")
  void reportsTheOneProblemWithItsPath(String expected, String pointer, String json) {
    List<String> problems = PipelineValidator.validate(PipelineSamples.shopApiWith(pointer, json));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith(expected);
  }

  @Test
  void reportsEveryProblemAtOnceInDocumentOrder() {
    var tree = PipelineSamples.shopApiTree();
    PipelineSamples.with(tree, "/analysis/error-rate/count", "0");
    PipelineSamples.with(tree, "/environments/1/rollout/0/weight", "0");
    PipelineSamples.with(tree, "/application", REMOVE);

    assertThat(PipelineValidator.validate(PipelineSamples.read(tree)))
        .extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactly("application", "environments[1].rollout[0].weight", "analysis.error-rate.count");
  }

  @Test
  void namesAMissingPipelineInsteadOfThrowing() {
    assertThat(PipelineValidator.validate(null)).containsExactly("pipeline: is empty");
    Pipeline empty = new Pipeline(null, null, null, null, null, null, null, null);
    assertThat(PipelineValidator.validate(empty)).containsExactly(
        "application: is required",
        "components: at least one component is required",
        "environments: at least one environment is required (the last one is production)");
  }
}
