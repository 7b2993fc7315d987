package dev.deployflow.activity;

import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Keeps the release log and writes post-mortems. */
@ActivityInterface
public interface ReleaseLogActivities {

  /**
   * Appends one JSON line for the release to the release log and re-renders the Markdown release
   * history beside it. Returns the path of the log. I/O errors are retryable.
   */
  @ActivityMethod
  String appendReleaseLog(ReleaseLogEntry entry);

  /** Writes a post-mortem as a Markdown file and returns its path. I/O errors are retryable. */
  @ActivityMethod
  String writePostMortem(PostMortem postMortem);

  /** One release as the log records it. */
  record ReleaseLogEntry(
      String application,
      String version,
      String previousVersion,
      String outcome,
      String kind,
      String requestedBy,
      List<String> approvedBy,
      List<String> changes,
      String summary,
      String startedAt,
      String finishedAt,
      List<TimelineEvent> timeline,
      List<CompensationStatus> compensations) {}

  /**
   * What a post-mortem says: what failed, when, what was undone, who decided, built from the
   * release's timeline.
   */
  record PostMortem(
      String application,
      String version,
      String outcome,
      String summary,
      List<String> failures,
      List<CompensationStatus> undone,
      List<String> decidedBy,
      String startedAt,
      String finishedAt,
      List<TimelineEvent> timeline) {}
}
