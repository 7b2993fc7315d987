package dev.deployflow.activity;

import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import dev.deployflow.pipeline.ReleaseLogSink;
import java.util.List;
import java.util.Map;

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

  /**
   * POSTs the release's record (the entry, masked, as JSON) to each of the pipeline's
   * {@code releaseLog} sinks. Like a notification it never fails the release: each sink is tried
   * a bounded number of times inside the call, and what was not delivered is listed in the
   * result by the sink's index and the reason, never by URL.
   */
  @ActivityMethod
  PublishResult publishReleaseLog(PublishRequest request);

  /** The record and where it goes; {@code vars} are the release's template variables. */
  record PublishRequest(ReleaseLogEntry entry, List<ReleaseLogSink> sinks, Map<String, String> vars) {}

  /** How many sinks took the record, and why the others did not (no secrets in the reasons). */
  record PublishResult(int delivered, List<String> failures) {}

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
