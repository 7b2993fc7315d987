package dev.deployflow.activities.notify;

import dev.deployflow.activity.NotificationActivities.NotifyRequest;
import java.util.List;
import java.util.Map;

/**
 * The optional parts of a notification beyond its headline: the previous version (the version
 * diff of the release as a whole), a link to the release's plan, the per-component version diff
 * and the request's {@code changes}. Each is rendered only when present.
 *
 * <p>{@link #of(NotifyRequest)} reads what the request carries today: the previous version from
 * its template variables. An approval request that carries a plan link, a version diff or the
 * changes (added to {@link NotifyRequest} by the plan-preview work) is mapped here, in one
 * place, so that both formats render them.
 *
 * @param previousVersion the version live before this release, or null
 * @param planUrl an http(s) link to the release's plan, or null
 * @param versionDiff one line per component and environment, "web staging: 1.1.0 → 1.2.0"
 * @param changes the request's changes, as given
 */
record NotificationDetails(
    String previousVersion, String planUrl, List<String> versionDiff, List<String> changes) {
  static final NotificationDetails NONE = new NotificationDetails(null, null, List.of(), List.of());

  NotificationDetails {
    versionDiff = versionDiff == null ? List.of() : List.copyOf(versionDiff);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  static NotificationDetails of(NotifyRequest request) {
    Map<String, String> vars = request.vars() == null ? Map.of() : request.vars();
    String previous = vars.get("previousVersion");
    List<String> diff = request.diff() == null ? List.of()
        : request.diff().stream().map(dev.deployflow.model.PlanPreview.VersionChange::describe).toList();
    return new NotificationDetails(
        previous == null || previous.isBlank() ? null : previous, null, diff,
        request.changes() == null ? List.of() : request.changes());
  }

  /** The plan link when it is an http(s) URL; anything else is not a link to offer. */
  String safePlanUrl() {
    if (planUrl == null) {
      return null;
    }
    String url = planUrl.strip();
    return url.startsWith("https://") || url.startsWith("http://") ? url : null;
  }
}
