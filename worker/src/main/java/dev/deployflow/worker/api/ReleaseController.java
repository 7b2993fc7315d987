package dev.deployflow.worker.api;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.OperatorMessage;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RetryMessage;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.SkipMessage;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON API under {@code /api/releases}, mirroring the command line: start a release, read
 * its status, and send the operator messages as Temporal updates. Bodies are the JSON objects of
 * CONTRACT.md; refusals and conflicts are mapped to HTTP statuses by {@link ApiErrorHandler}.
 *
 * <p>Every request has been authenticated by then (see the security package): the caller's
 * identity is the {@code requestedBy} of a start and the {@code by} of every message, and a body
 * naming anyone else is refused. Input is checked here, where it enters, by the model's own
 * rules, so that a bad value is refused with the field's name before Temporal is called.
 */
@RestController
@RequestMapping("/api/releases")
public class ReleaseController {
  private final ReleaseClient releases;
  private final SpeakerBodies bodies;

  public ReleaseController(ReleaseClient releases, JsonMapper json) {
    this.releases = releases;
    this.bodies = new SpeakerBodies(json);
  }

  /** Starts a release: 202 with the workflow id, 409 when one is already in flight. */
  @PostMapping
  public ResponseEntity<StartedResponse> start(@RequestBody ObjectNode body, Principal caller) {
    ReleaseRequest request = bodies.read(body, "requestedBy", caller, ReleaseRequest.class);
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid release request: " + String.join("; ", problems));
    }
    StartedRelease started = releases.start(request);
    String application = started.request().application();
    return ResponseEntity.accepted()
        .location(URI.create("/api/releases/" + application))
        .body(StartedResponse.of(started));
  }

  /** The status of the application's latest release: 404 when it has none. */
  @GetMapping("/{application}")
  public ReleaseStatus status(@PathVariable String application) {
    return releases.status(checked(application));
  }

  /** How long the plan endpoint waits for the worker's answer. */
  static final java.time.Duration PLAN_TIMEOUT = java.time.Duration.ofSeconds(60);

  /**
   * What a release of {@code version} would do, without doing it (CONTRACT.md, "Guided failure,
   * decisions and freezes"): 200 with the plan, 400 for an invalid request, 422 when the pipeline
   * cannot be used. A read: it changes nothing, so a viewer may ask.
   */
  @GetMapping("/{application}/plan")
  public dev.deployflow.model.PlanPreview plan(
      @PathVariable String application,
      @org.springframework.web.bind.annotation.RequestParam String version,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String pipeline,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String kind,
      @org.springframework.web.bind.annotation.RequestParam(name = "change", required = false) List<String> changes) {
    dev.deployflow.model.ReleaseKind releaseKind;
    try {
      releaseKind = kind == null ? null : dev.deployflow.model.ReleaseKind.fromJson(kind);
    } catch (IllegalArgumentException e) {
      // Named like every other refusal of the request: the parameter first.
      throw new IllegalArgumentException("invalid plan request: kind: " + e.getMessage());
    }
    ReleaseRequest request = new ReleaseRequest(checked(application), version, pipeline, releaseKind, null, null,
        changes == null ? List.of() : changes, null);
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid plan request: " + String.join("; ", problems));
    }
    return releases.plan(request, PLAN_TIMEOUT);
  }

  @PostMapping("/{application}/approve")
  public ReleaseStatus approve(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.approve(checked(application), message(body, caller, ApproveMessage.class));
  }

  @PostMapping("/{application}/reject")
  public ReleaseStatus reject(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.reject(checked(application), message(body, caller, RejectMessage.class));
  }

  @PostMapping("/{application}/rollback")
  public ReleaseStatus rollback(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.rollback(checked(application), message(body, caller, RollbackMessage.class));
  }

  @PostMapping("/{application}/pause")
  public ReleaseStatus pause(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.pause(checked(application), message(body, caller, PauseMessage.class));
  }

  @PostMapping("/{application}/resume")
  public ReleaseStatus resume(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.resume(checked(application), message(body, caller, ResumeMessage.class));
  }

  @PostMapping("/{application}/promote")
  public ReleaseStatus promote(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.promote(checked(application), message(body, caller, PromoteMessage.class));
  }

  /** At a decision gate (guided failure): run the failed step again. */
  @PostMapping("/{application}/retry")
  public ReleaseStatus retry(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.retry(checked(application), message(body, caller, RetryMessage.class));
  }

  /** At a decision gate (guided failure): go on past a failed smoke test or analysis, recorded. */
  @PostMapping("/{application}/skip")
  public ReleaseStatus skip(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.skip(checked(application), message(body, caller, SkipMessage.class));
  }

  /** A hotfix passes the freezes that hold it now (production approvers only). */
  @PostMapping("/{application}/breakGlass")
  public ReleaseStatus breakGlass(
      @PathVariable String application, @RequestBody ObjectNode body, Principal caller) {
    return releases.breakGlass(checked(application), message(body, caller, BreakGlassMessage.class));
  }

  private <T extends OperatorMessage> T message(ObjectNode body, Principal caller, Class<T> type) {
    T message = bodies.read(body, "by", caller, type);
    MessageChecks.check(message);
    return message;
  }

  private static String checked(String application) {
    if (!ReleaseRequest.APPLICATION_NAME.matcher(application).matches()) {
      throw new IllegalArgumentException(
          "application: must match " + ReleaseRequest.APPLICATION_NAME.pattern());
    }
    return application;
  }

  /**
   * The answer to a start.
   *
   * @param workflowId the release's workflow id, {@code deploy-<application>}
   * @param runId the Temporal run id
   * @param application the application
   * @param version the version being released
   * @param status where to read the release's status
   */
  public record StartedResponse(
      String workflowId, String runId, String application, String version, String status) {

    static StartedResponse of(StartedRelease started) {
      ReleaseRequest request = started.request();
      return new StartedResponse(
          started.workflowId(),
          started.runId(),
          request.application(),
          request.version(),
          "/api/releases/" + request.application());
    }
  }
}
