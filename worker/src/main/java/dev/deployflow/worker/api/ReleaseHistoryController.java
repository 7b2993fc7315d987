package dev.deployflow.worker.api;

import dev.deployflow.client.Dora;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.VisibilityUnavailableException;
import dev.deployflow.model.DoraReport;
import dev.deployflow.model.ReleaseHistoryEntry;
import dev.deployflow.model.ReleaseRequest;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/releases/{app}/history} and {@code /dora}: past releases and the DORA figures
 * from Temporal's visibility store, as {@code deployflow history} and {@code dora} print them. On a
 * server without visibility (the embedded Java test server) both answer 501 saying so.
 */
@RestController
@RequestMapping("/api/releases")
public class ReleaseHistoryController {
  private final ReleaseClient releases;
  private final String uiUrl;

  public ReleaseHistoryController(
      ReleaseClient releases,
      @Value("${deployflow.temporal-ui-url:${DEPLOYFLOW_UI_URL:http://127.0.0.1:8233}}") String uiUrl) {
    this.releases = releases;
    this.uiUrl = uiUrl;
  }

  /** The application's releases, newest first; {@code limit} 1 to 1000 (default 20). */
  @GetMapping("/{application}/history")
  public List<ReleaseHistoryEntry> history(
      @PathVariable String application, @RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit: must be between 1 and 1000");
    }
    return releases.history(checked(application), limit, uiUrl);
  }

  /** The DORA figures over {@code since} back from now (30d, 12h, 90m or ISO-8601; default 30d). */
  @GetMapping("/{application}/dora")
  public DoraReport dora(@PathVariable String application, @RequestParam(defaultValue = "30d") String since) {
    return releases.dora(checked(application), Dora.parseSince(since));
  }

  @ExceptionHandler(VisibilityUnavailableException.class)
  ProblemDetail noVisibility(VisibilityUnavailableException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, e.getMessage());
    problem.setTitle("No visibility store");
    return problem;
  }

  // ApiErrorHandler advises ReleaseController only; these answers match its problem details.
  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid request");
    return problem;
  }

  @ExceptionHandler(dev.deployflow.client.ReleaseClientException.class)
  ProblemDetail unavailable(dev.deployflow.client.ReleaseClientException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setTitle("Temporal unavailable");
    return problem;
  }

  private static String checked(String application) {
    if (!ReleaseRequest.APPLICATION_NAME.matcher(application).matches()) {
      throw new IllegalArgumentException("application: must match " + ReleaseRequest.APPLICATION_NAME.pattern());
    }
    return application;
  }
}
