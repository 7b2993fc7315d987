package dev.deployflow.activities.deploy;

import dev.deployflow.activity.FailureTypes;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.command.CommandRunner;
import dev.deployflow.activities.command.Heartbeat;
import dev.deployflow.activities.http.HttpAnswer;
import dev.deployflow.activities.http.HttpExchange;
import dev.deployflow.activities.http.InFlightHeartbeat;
import dev.deployflow.activities.http.HttpFailures;
import dev.deployflow.activities.http.HttpRequests;
import dev.deployflow.activities.http.RedirectRefusedException;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.CommandActivities.CommandRequest;
import dev.deployflow.activity.CommandActivities.CommandResult;
import dev.deployflow.activity.DeployActivities;
import dev.deployflow.pipeline.CommandSpec;
import dev.deployflow.pipeline.DeploySpec;
import dev.deployflow.pipeline.HttpCall;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Deploys a component version to an environment at a weight, through the pipeline's deploy
 * command or its HTTP hook, and reads the version a component runs (see {@link VersionProbes}).
 *
 * <p>The command form runs like {@code CommandActivities.runCommand}, with
 * {@code DEPLOYFLOW_IDEMPOTENCY_KEY} set: {@code CommandFailed} and {@code CommandTimedOut} are
 * retryable, {@code CommandNotRunnable} is not. The HTTP form sends the rendered request with an
 * {@code Idempotency-Key} header; a 2xx answer is success. 5xx, 429 (honouring
 * {@code Retry-After}) and I/O errors are retryable ({@code HttpUnavailable}); any other status
 * fails with {@value #REFUSED}, and a deploy that cannot even be described (no form, a
 * placeholder without a value, a bad URL) with {@value #NOT_RUNNABLE}, both not retryable.
 *
 * <p>Both forms heartbeat while they run, and both finish what they started before they report a
 * cancellation: a command is stopped and reaped with its child processes, and a hook call that
 * has been sent is allowed to answer (or time out), since closing the connection would not recall
 * the deploy (see {@link InFlightHeartbeat}).
 *
 * <p>Reading the current version treats no probe, an HTTP 404, a JSON null and empty output as
 * "nothing deployed yet" (a null version). 5xx, 429, I/O errors and a failing probe command are
 * retryable; another 4xx, a body that is not JSON or holds no scalar at the pointer, and a probe
 * that cannot be built fail with {@code ProbeFailed}, not retryable.
 */
public final class DeployActivitiesImpl implements DeployActivities {
  /** Failure type of a deploy hook that answered a 4xx other than 429. */
  public static final String REFUSED = FailureTypes.DEPLOY_REFUSED;
  /** Failure type of a deploy the pipeline does not describe well enough to attempt. */
  public static final String NOT_RUNNABLE = FailureTypes.DEPLOY_NOT_RUNNABLE;

  private static final int DETAIL_LENGTH = 200;
  private static final int HOOK_BODY_LIMIT = 64 * 1024;

  private final ActivitySettings settings;
  private final OkHttpClient client;
  private final CommandRunner commands;
  private final VersionProbes probes;
  private final Duration hookHeartbeatInterval;

  /** Deploys with the worker's settings and its shared HTTP client. */
  public DeployActivitiesImpl(ActivitySettings settings, OkHttpClient client) {
    this(settings, client, new CommandRunner(settings));
  }

  /** Deploys with a given command runner (tests shorten its intervals). */
  public DeployActivitiesImpl(ActivitySettings settings, OkHttpClient client, CommandRunner commands) {
    this(settings, client, commands, InFlightHeartbeat.DEFAULT_INTERVAL);
  }

  /**
   * Deploys with a given command runner and a given heartbeat interval for hook calls in flight
   * (tests shorten both).
   */
  public DeployActivitiesImpl(
      ActivitySettings settings, OkHttpClient client, CommandRunner commands, Duration hookHeartbeatInterval) {
    this.settings = settings;
    this.client = client;
    this.commands = commands;
    this.probes = new VersionProbes(settings, client, commands, hookHeartbeatInterval);
    this.hookHeartbeatInterval = hookHeartbeatInterval;
  }

  @Override
  public DeployResult deploy(DeployRequest request) {
    String summary =
        "deploy " + request.component() + " " + request.version() + " to " + request.environment()
            + " at " + request.weight() + "%";
    DeploySpec spec = request.spec();
    Map<String, String> vars = releaseVariables(request);
    CommandSpec command = spec == null ? null : spec.asCommand();
    if (command != null) {
      CommandResult result =
          commands.run(
              new CommandRequest(summary, command, vars, request.idempotencyKey()), Heartbeat.ofCurrentActivity());
      String tail = result.outputTail().strip();
      String excerpt = tail.length() > DETAIL_LENGTH ? "…" + tail.substring(tail.length() - DETAIL_LENGTH) : tail;
      return new DeployResult(
          "exit 0 after " + result.durationMillis() + " ms" + (excerpt.isEmpty() ? "" : ": " + excerpt));
    }
    if (spec != null && spec.http() != null) {
      return deployThroughHook(summary, spec.http(), vars, request.idempotencyKey());
    }
    throw ApplicationFailure.newNonRetryableFailure(
        summary + ": the pipeline gives neither a deploy command nor an HTTP hook for component "
            + request.component(),
        NOT_RUNNABLE);
  }

  @Override
  public VersionResult readCurrentVersion(VersionProbeRequest request) {
    return probes.read(request);
  }

  private DeployResult deployThroughHook(
      String summary, HttpCall hook, Map<String, String> vars, String idempotencyKey) {
    TemplateRenderer renderer = TemplateRenderer.forWorker(settings);
    Request request;
    try {
      request =
          HttpRequests.build(
              hook, vars, renderer, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    } catch (IllegalArgumentException badHook) {
      throw ApplicationFailure.newNonRetryableFailure(
          renderer.masker().mask(summary + ": cannot call the deploy hook: " + badHook.getMessage()), NOT_RUNNABLE);
    }
    String what = summary + ": hook " + HttpRequests.describe(request);
    // The call heartbeats while in flight, and a cancellation waits for its answer: see InFlightHeartbeat.
    InFlightHeartbeat inFlight = new InFlightHeartbeat(Heartbeat.ofCurrentActivity(), hookHeartbeatInterval);
    HttpAnswer answer;
    try {
      answer = inFlight.await(renderer.masker().mask(what),
          () -> HttpExchange.send(client, request, HOOK_BODY_LIMIT, hook.followsRedirects()));
    } catch (IOException unreachable) {
      throw HttpFailures.ioError(what, unreachable, renderer.masker());
    } catch (RedirectRefusedException redirected) {
      throw HttpFailures.redirectRefused(what, redirected, renderer.masker());
    }
    if (!answer.successful()) {
      throw HttpFailures.forStatus(what, answer, REFUSED, renderer.masker());
    }
    return new DeployResult(
        renderer.masker().mask("HTTP " + answer.status() + " (body: " + answer.bodyExcerpt(DETAIL_LENGTH) + ")"));
  }

  /* The request's own fields are the defaults; the workflow's variables win where both exist. */
  private static Map<String, String> releaseVariables(DeployRequest request) {
    Map<String, String> vars = new HashMap<>();
    putIfPresent(vars, "application", request.application());
    putIfPresent(vars, "component", request.component());
    putIfPresent(vars, "environment", request.environment());
    putIfPresent(vars, "version", request.version());
    vars.put("weight", Integer.toString(request.weight()));
    if (request.vars() != null) {
      vars.putAll(request.vars());
    }
    return vars;
  }

  private static void putIfPresent(Map<String, String> vars, String name, String value) {
    if (value != null) {
      vars.put(name, value);
    }
  }
}
