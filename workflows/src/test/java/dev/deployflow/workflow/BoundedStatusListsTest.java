package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.RejectedMessage;
import dev.deployflow.model.ReleaseStatus.TimelineEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status keeps the first and the most recent timeline events and refused messages, and says
 * how many it dropped: a flood of refused signals never grows the status or the workflow's memory.
 */
class BoundedStatusListsTest {

  private static ReleaseState state() {
    ReleaseRequest request = new ReleaseRequest("shop", "1.2.0", null, null, null, "alice", null, null).withDefaults();
    long[] clock = {0};
    return new ReleaseState(request, () -> clock[0]++, s -> { });
  }

  @Test
  void aHundredThousandRefusedSignalsKeepTheFirstAndTheMostRecent() {
    ReleaseState state = state();
    for (int i = 0; i < 100_000; i++) {
      state.rejectMessage("approve", "mallory" + i, "refused " + i);
    }
    ReleaseStatus status = state.toStatus();
    int kept = ReleaseState.REJECTED_FIRST + ReleaseState.REJECTED_RECENT;
    assertThat(status.rejectedMessages()).hasSize(kept + 1);
    assertThat(status.rejectedMessagesDropped()).isEqualTo(100_000 - kept);
    List<RejectedMessage> list = status.rejectedMessages();
    assertThat(list.get(0).reason()).isEqualTo("refused 0");
    assertThat(list.get(ReleaseState.REJECTED_FIRST - 1).reason()).isEqualTo("refused 19");
    RejectedMessage marker = list.get(ReleaseState.REJECTED_FIRST);
    assertThat(marker.name()).isEqualTo("…");
    assertThat(marker.by()).isNull();
    assertThat(marker.reason()).isEqualTo("99900 refused message(s) not kept: the status keeps the first 20 and the most recent 80");
    assertThat(list.get(ReleaseState.REJECTED_FIRST + 1).reason()).isEqualTo("refused 99920");
    assertThat(list.get(list.size() - 1).reason()).isEqualTo("refused 99999");
  }

  @Test
  void theTimelineKeepsItsStartAndItsLatestEvents() {
    ReleaseState state = state();
    for (int i = 0; i < 10_000; i++) {
      state.event("event " + i);
    }
    ReleaseStatus status = state.toStatus();
    List<TimelineEvent> timeline = status.timeline();
    assertThat(timeline).hasSize(ReleaseState.TIMELINE_FIRST + ReleaseState.TIMELINE_RECENT + 1);
    assertThat(status.timelineDropped()).isEqualTo(10_000 - 500);
    assertThat(timeline.get(0).event()).isEqualTo("event 0");
    assertThat(timeline.get(100).event())
        .isEqualTo("… 9500 earlier event(s) not kept: the timeline keeps the first 100 and the most recent 400 …");
    assertThat(timeline.get(101).event()).isEqualTo("event 9600");
    assertThat(timeline.get(timeline.size() - 1).event()).isEqualTo("event 9999");
    assertThat(state.timeline()).isEqualTo(timeline);
  }

  @Test
  void shortListsAreCompleteAndSayNothingWasDropped() {
    ReleaseState state = state();
    state.event("one");
    state.rejectMessage("pause", "bob", "the release is not paused");
    ReleaseStatus status = state.toStatus();
    assertThat(status.timeline()).extracting(TimelineEvent::event).containsExactly("one");
    assertThat(status.rejectedMessages()).hasSize(1);
    assertThat(status.timelineDropped()).isZero();
    assertThat(status.rejectedMessagesDropped()).isZero();
  }

  @Test
  void aHostileNameIsStoredQuotedAndShort() {
    ReleaseState state = state();
    state.rejectMessage("approve", "m".repeat(1_000_000), "by: is too long");
    assertThat(state.toStatus().rejectedMessages().get(0).by()).isEqualTo("'" + "m".repeat(40) + "'… (1000000 characters)");
  }
}
