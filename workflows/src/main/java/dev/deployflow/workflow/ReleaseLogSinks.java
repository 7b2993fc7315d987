package dev.deployflow.workflow;

import dev.deployflow.activity.ReleaseLogActivities.PublishRequest;
import dev.deployflow.activity.ReleaseLogActivities.PublishResult;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.pipeline.ReleaseLogSink;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ActivityFailure;
import java.util.List;

/**
 * Sends the release's record to the pipeline's {@code releaseLog} sinks at completion. No
 * activity runs when the pipeline names none, so that a pipeline without sinks makes exactly the
 * commands it made before they existed. A sink that does not take the record never fails the
 * release: the activity reports it, and the report goes to the timeline.
 */
final class ReleaseLogSinks {
  private ReleaseLogSinks() {}

  static void publish(ReleaseContext release, ReleaseLogEntry entry) {
    List<ReleaseLogSink> sinks = release.pipeline() == null ? null : release.pipeline().releaseLog();
    if (sinks == null || sinks.isEmpty()) {
      return;
    }
    ReleaseState state = release.state();
    try {
      PublishResult result = Activities.releaseLogSinks("send the release record to " + sinks.size()
              + " release-log sink" + (sinks.size() == 1 ? "" : "s"))
          .publishReleaseLog(new PublishRequest(
              entry, sinks, release.vars(null, null, null, state.previousVersion())));
      if (result == null || result.failures() == null || result.failures().isEmpty()) {
        state.event("release record sent to " + sinks.size() + " release-log sink" + (sinks.size() == 1 ? "" : "s"));
      } else {
        state.event("release record not delivered to every release-log sink: " + String.join("; ", result.failures()));
      }
    } catch (ActivityFailure e) {
      Failures.rethrowIfCancellation(e);
      state.event("release record could not be sent: " + Failures.reason(e));
    } catch (DataConverterException e) {
      state.event("release record sent, but the delivery report " + Failures.undecodable(e));
    }
  }
}
