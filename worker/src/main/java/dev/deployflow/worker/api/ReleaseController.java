package dev.deployflow.worker.api;

import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.StartedRelease;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackMessage;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API under {@code /api/releases}, mirroring the command line: start a release, read
 * its status, and send the operator messages as Temporal updates. Bodies are the JSON objects of
 * CONTRACT.md; refusals and conflicts are mapped to HTTP statuses by {@link ApiErrorHandler}.
 */
@RestController
@RequestMapping("/api/releases")
public class ReleaseController {
  private final ReleaseClient releases;

  public ReleaseController(ReleaseClient releases) {
    this.releases = releases;
  }

  /** Starts a release: 202 with the workflow id, 409 when one is already in flight. */
  @PostMapping
  public ResponseEntity<StartedResponse> start(@RequestBody ReleaseRequest request) {
    StartedRelease started = releases.start(request);
    String application = started.request().application();
    return ResponseEntity.accepted()
        .location(URI.create("/api/releases/" + application))
        .body(StartedResponse.of(started));
  }

  /** The status of the application's latest release: 404 when it has none. */
  @GetMapping("/{application}")
  public ReleaseStatus status(@PathVariable String application) {
    return releases.status(application);
  }

  @PostMapping("/{application}/approve")
  public ReleaseStatus approve(
      @PathVariable String application, @RequestBody ApproveMessage message) {
    return releases.approve(application, message);
  }

  @PostMapping("/{application}/reject")
  public ReleaseStatus reject(
      @PathVariable String application, @RequestBody RejectMessage message) {
    return releases.reject(application, message);
  }

  @PostMapping("/{application}/rollback")
  public ReleaseStatus rollback(
      @PathVariable String application, @RequestBody RollbackMessage message) {
    return releases.rollback(application, message);
  }

  @PostMapping("/{application}/pause")
  public ReleaseStatus pause(@PathVariable String application, @RequestBody PauseMessage message) {
    return releases.pause(application, message);
  }

  @PostMapping("/{application}/resume")
  public ReleaseStatus resume(
      @PathVariable String application, @RequestBody ResumeMessage message) {
    return releases.resume(application, message);
  }

  @PostMapping("/{application}/promote")
  public ReleaseStatus promote(
      @PathVariable String application, @RequestBody PromoteMessage message) {
    return releases.promote(application, message);
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
