package dev.deployflow.activities.deploy;

import dev.deployflow.activity.FailureTypes;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.command.CommandRunner;
import dev.deployflow.activities.command.Heartbeat;
import dev.deployflow.activities.command.ProcessOutcome;
import dev.deployflow.activities.http.HttpAnswer;
import dev.deployflow.activities.http.HttpExchange;
import dev.deployflow.activities.http.InFlightHeartbeat;
import dev.deployflow.activities.http.HttpFailures;
import dev.deployflow.activities.http.HttpRequests;
import dev.deployflow.activities.http.RedirectRefusedException;
import dev.deployflow.activities.secrets.SecretMasker;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.DeployActivities.VersionProbeRequest;
import dev.deployflow.activity.DeployActivities.VersionResult;
import dev.deployflow.pipeline.CommandSpec;
import dev.deployflow.pipeline.HttpCall;
import dev.deployflow.pipeline.VersionProbe;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Reads the version a component runs now, the target of a later rollback: from an HTTP JSON
 * document at a JSON pointer (the trimmed body when the probe gives no pointer), or from a
 * command's trimmed standard output.
 *
 * <p>No probe, an HTTP 404, a JSON null or an empty output mean "nothing deployed yet" and give
 * a null version. 5xx, 429 and I/O errors are retryable, and so is a failing probe command. Not
 * retryable, with type {@value #PROBE_FAILED}: another 4xx, a body that is not JSON, a document
 * without the pointer or with an object there, and a probe that cannot be built.
 */
final class VersionProbes {
  /** Failure type of a probe whose answer cannot be a version. */
  static final String PROBE_FAILED = FailureTypes.PROBE_FAILED;

  private static final String PROBE_TIMEOUT = "2m";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActivitySettings settings;
  private final OkHttpClient client;
  private final CommandRunner commands;
  private final Duration heartbeatInterval;

  VersionProbes(ActivitySettings settings, OkHttpClient client, CommandRunner commands, Duration heartbeatInterval) {
    this.settings = settings;
    this.client = client;
    this.commands = commands;
    this.heartbeatInterval = heartbeatInterval;
  }

  VersionResult read(VersionProbeRequest request) {
    VersionProbe probe = request.probe();
    Map<String, String> vars = new HashMap<>();
    vars.put("component", request.component());
    vars.put("environment", request.environment());
    if (request.vars() != null) {
      vars.putAll(request.vars());
    }
    String what = "version probe of " + request.component() + " in " + request.environment();
    if (probe != null && probe.http() != null) {
      return readOverHttp(what, probe.http(), vars);
    }
    if (probe != null && probe.command() != null && !probe.command().isEmpty()) {
      ProcessOutcome outcome =
          commands.execute(
              new CommandRequest(what, new CommandSpec(probe.command(), PROBE_TIMEOUT, null, probe.env()), vars, null),
              true,
              Heartbeat.ofCurrentActivity());
      return version(outcome.output());
    }
    return new VersionResult(null);
  }

  private VersionResult readOverHttp(String what, VersionProbe.Http http, Map<String, String> vars) {
    TemplateRenderer renderer = TemplateRenderer.forWorker(settings);
    SecretMasker masker = renderer.masker();
    Request request;
    try {
      request = HttpRequests.build(new HttpCall("GET", http.url(), http.headers(), null), vars, renderer, Map.of());
    } catch (IllegalArgumentException badProbe) {
      throw failed(masker.mask(what + ": cannot build the request: " + badProbe.getMessage()));
    }
    what = what + " (" + HttpRequests.describe(request) + ")";
    HttpAnswer answer;
    try {
      // Heartbeats while the probe is in flight: a worker lost meanwhile is noticed in seconds.
      answer = new InFlightHeartbeat(Heartbeat.ofCurrentActivity(), heartbeatInterval).await(masker.mask(what),
          () -> HttpExchange.send(client, request, HttpExchange.DEFAULT_BODY_LIMIT, Boolean.TRUE.equals(http.followRedirects())));
    } catch (IOException unreachable) {
      throw HttpFailures.ioError(what, unreachable, masker);
    } catch (RedirectRefusedException redirected) {
      throw HttpFailures.redirectRefused(what, redirected, masker);
    }
    if (answer.status() == 404) {
      return new VersionResult(null);
    }
    if (!answer.successful()) {
      throw HttpFailures.forStatus(what, answer, PROBE_FAILED, masker);
    }
    String pointer = http.jsonPointer();
    if (pointer == null || pointer.isBlank()) {
      return version(masker.mask(answer.body()));
    }
    JsonNode value = valueAt(what, answer, pointer, masker);
    if (value.isMissingNode()) {
      throw failed(masker.mask(what + ": the document has no value at " + pointer
          + " (body: " + answer.bodyExcerpt(HttpFailures.BODY_EXCERPT) + ")"));
    }
    if (value.isContainerNode()) {
      throw failed(masker.mask(what + ": the value at " + pointer + " is " + (value.isArray() ? "an array" : "an object")
          + ", not a version (body: " + answer.bodyExcerpt(HttpFailures.BODY_EXCERPT) + ")"));
    }
    return value.isNull() ? new VersionResult(null) : version(masker.mask(value.asText()));
  }

  private static JsonNode valueAt(String what, HttpAnswer answer, String pointer, SecretMasker masker) {
    JsonPointer compiled;
    try {
      compiled = JsonPointer.compile(pointer);
    } catch (IllegalArgumentException badPointer) {
      throw failed(what + ": '" + pointer + "' is not a JSON pointer; write it like /version");
    }
    try {
      return JSON.readTree(answer.body()).at(compiled);
    } catch (JsonProcessingException notJson) {
      throw failed(masker.mask(what + ": the body is not JSON (" + notJson.getOriginalMessage()
          + ") (body: " + answer.bodyExcerpt(HttpFailures.BODY_EXCERPT) + ")"));
    }
  }

  private static VersionResult version(String text) {
    String trimmed = text == null ? "" : text.strip();
    return new VersionResult(trimmed.isEmpty() ? null : trimmed);
  }

  private static ApplicationFailure failed(String maskedMessage) {
    return ApplicationFailure.newNonRetryableFailure(maskedMessage, PROBE_FAILED);
  }
}
