package dev.deployflow.workflow;

import dev.deployflow.activity.ReleaseLogActivities.PostMortem;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.ReleaseResult;
import dev.deployflow.model.ReleaseStatus.CompensationStatus;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import java.util.List;

/**
 * Phase 7: tells people how the release ended, appends it to the release log (application,
 * versions, changes, approvers, outcome, timeline, compensation log), and writes a post-mortem when
 * something failed or was rolled back. Nothing here fails the release: a release-log or
 * post-mortem failure, after its retries, is written to the timeline.
 */
final class Completion {
  private final ReleaseContext release;
  private final Notifier notifier;
  private final java.util.function.BooleanSupplier cancelRequested;

  Completion(ReleaseContext release, Notifier notifier, java.util.function.BooleanSupplier cancelRequested) {
    this.release = release;
    this.notifier = notifier;
    this.cancelRequested = cancelRequested;
  }

  ReleaseResult complete(Outcome outcome, String summary) {
    ReleaseState state = release.state();
    release.saga().closeUnused();
    state.outcome(outcome);
    state.running("completing: " + outcome.json());
    state.event("release " + outcome.json() + ": " + summary);
    notifier.send(outcome.json(), summary);
    String finishedAt = state.now();
    appendReleaseLog(outcome, summary, finishedAt);
    // A failed step that a person skipped (guided failure) is something that failed, too.
    if (outcome == Outcome.FAILED || outcome == Outcome.ROLLED_BACK || outcome == Outcome.ABORTED
        || !release.operator().decision().skipped().isEmpty()) {
      writePostMortem(outcome, summary, finishedAt);
    }
    if (cancelRequested.getAsBoolean() && outcome != Outcome.ABORTED && outcome != Outcome.FAILED) {
      // Temporal closes a cancel-requested run as cancelled whatever it returns: the release says
      // aborted too, and what it had reached before, so that status and run never disagree.
      String reached = outcome.json() + ": " + summary;
      outcome = Outcome.ABORTED;
      summary = "aborted: the workflow was cancelled during completion (the release had " + reached + ")";
      state.event("release aborted: the workflow was cancelled during completion");
    }
    ReleaseTelemetry.completed(release.request(), outcome, java.time.Instant.parse(state.startedAt()).toEpochMilli());
    state.finish(outcome, summary);
    return new ReleaseResult(release.application(), release.version(), outcome, state.previousVersion(), summary,
        state.startedAt(), finishedAt);
  }

  private void appendReleaseLog(Outcome outcome, String summary, String finishedAt) {
    ReleaseState state = release.state();
    ReleaseLogEntry entry = new ReleaseLogEntry(
        release.application(), release.version(), state.previousVersion(), outcome.json(),
        release.request().kind().json(), release.request().requestedBy(), state.approvedBy(),
        release.request().changes(), summary, state.startedAt(), finishedAt, state.timeline(),
        release.saga().log());
    try {
      String path = Activities.releaseLog("append " + outcome.json() + " release to the release log")
          .appendReleaseLog(entry);
      state.event("release log written: " + path);
    } catch (ActivityFailure e) {
      state.event("release log could not be written: " + Failures.reason(e));
    } catch (DataConverterException e) {
      state.event("release log written, but the path it answered " + Failures.undecodable(e));
    }
    ReleaseLogSinks.publish(release, entry);
  }

  private void writePostMortem(Outcome outcome, String summary, String finishedAt) {
    ReleaseState state = release.state();
    // In the order the rollback ran them (the reverse of registration per environment), as a reader expects.
    List<CompensationStatus> undone = release.saga().inRunOrder();
    try {
      String path = Activities.releaseLog("write post-mortem of " + release.application() + " " + release.version())
          .writePostMortem(new PostMortem(
              release.application(), release.version(), outcome.json(), summary, state.failures(), undone,
              state.decidedBy(), state.startedAt(), finishedAt, state.timeline()));
      state.event("post-mortem written: " + path);
    } catch (ActivityFailure e) {
      state.event("post-mortem could not be written: " + Failures.reason(e));
    } catch (DataConverterException e) {
      state.event("post-mortem written, but the path it answered " + Failures.undecodable(e));
    }
  }
}
