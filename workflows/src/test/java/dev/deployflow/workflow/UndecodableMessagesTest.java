package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.Outcome;
import dev.deployflow.model.Phase;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ReleaseStatus.RejectedMessage;
import dev.deployflow.workflow.support.ReleaseHarness;
import dev.deployflow.workflow.support.TestPipelines;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.converter.RawValue;
import java.nio.charset.StandardCharsets;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages that another SDK, a script or a hand-typed {@code temporal workflow signal} sends in a
 * shape the release's records do not take: a string instead of an object, an unknown field, a
 * wrong type, an unknown enum value. The Java SDK would drop such a signal with a log line only;
 * the release decodes its messages itself, so each is listed in {@code status.rejectedMessages}
 * naming what is wrong, changes nothing, and an update of that shape is refused with the same words.
 */
class UndecodableMessagesTest {
  private ReleaseHarness harness;

  @BeforeEach
  void start() {
    harness = new ReleaseHarness(TestPipelines.standard().build());
    harness.start(ReleaseHarness.request("1.2.0"));
    harness.awaitGate("production");
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void aStringInsteadOfAnObjectIsListedAndChangesNothing() {
    harness.stub().signal("approve", "bob");

    RejectedMessage rejected = awaitRejected(1).get(0);
    assertThat(rejected.name()).isEqualTo("approve");
    assertThat(rejected.reason()).isEqualTo(
        "approve takes one JSON object such as {\"by\":\"bob\",\"gate\":\"production\",\"comment\":\"…\"}, not a string");
    assertThat(harness.status().phase()).isEqualTo(Phase.APPROVAL);
  }

  @Test
  void anUnknownLevelDoesNotRollBack() {
    harness.stub().signal("rollback", Map.of("by", "alice", "level", "everything"));

    RejectedMessage rejected = awaitRejected(1).get(0);
    assertThat(rejected.by()).isEqualTo("alice");
    assertThat(rejected.reason()).isEqualTo("field 'level': 'everything' is not one of config, code, full");
    assertThat(harness.status().phase()).isEqualTo(Phase.APPROVAL);
  }

  @Test
  void aMisspelledFieldIsRefusedRatherThanIgnored() {
    // Ignored, "levl" would turn a full rollback into a code rollback without a word.
    harness.stub().signal("rollback", Map.of("by", "alice", "levl", "full"));

    assertThat(awaitRejected(1).get(0).reason()).isEqualTo("field 'levl' is unknown; rollback takes by, level, reason");
    assertThat(harness.status().phase()).isEqualTo(Phase.APPROVAL);
  }

  @Test
  void aWrongTypeIsNamedWithItsField() {
    harness.stub().signal("promote", Map.of("by", "bob", "full", Map.of("yes", true)));
    harness.stub().signal("approve", List.of("bob"));

    List<RejectedMessage> rejected = awaitRejected(2);
    assertThat(rejected.get(0).name()).isEqualTo("promote");
    assertThat(rejected.get(0).reason()).startsWith("field 'full': ");
    assertThat(rejected.get(1).reason()).endsWith(", not an array");
  }

  @Test
  void aValueOfTheWrongJsonTypeIsRefusedRatherThanConverted() {
    // Converted, 1 would be a full promotion and 42 the approver "42".
    harness.stub().signal("promote", Map.of("by", "bob", "full", 1));
    harness.stub().signal("approve", Map.of("by", 42));

    List<RejectedMessage> rejected = awaitRejected(2);
    assertThat(rejected.get(0).reason()).isEqualTo("field 'full': must be true or false, not a number");
    assertThat(rejected.get(1).reason()).isEqualTo("field 'by': must be a string, not a number");
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class,
        () -> harness.stub().update("approve", ReleaseStatus.class, Map.of("by", "bob", "comment", true)));
    assertThat(refused).isNotNull();
    assertThat(refused.getCause()).hasMessageContaining("field 'comment': must be a string, not a boolean");
    assertThat(harness.status().phase()).isEqualTo(Phase.APPROVAL);
  }

  @Test
  void bytesOrInvalidJsonAreListedWithTheirEncodingNotDropped() {
    // What the TypeScript SDK sends for a Uint8Array, or Python for bytes: encoding binary/plain.
    harness.stub().signal("approve", (Object) "{\"by\":\"bob\"}".getBytes(StandardCharsets.UTF_8));
    Payload broken = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8("{\"by\": \"bob\"")).build();
    harness.stub().signal("approve", new RawValue(broken));

    List<RejectedMessage> rejected = awaitRejected(2);
    assertThat(rejected.get(0).reason()).endsWith("; this one came as binary/plain");
    assertThat(rejected.get(1).reason()).startsWith("approve is not valid JSON: ");
    assertThat(harness.status().phase()).isEqualTo(Phase.APPROVAL);
  }

  @Test
  void anUpdateOfTheSameShapeIsRefusedInTheSameWordsAndLeavesNoTrace() {
    WorkflowUpdateException refused = catchThrowableOfType(WorkflowUpdateException.class,
        () -> harness.stub().update("rollback", ReleaseStatus.class, Map.of("by", "alice", "level", "everything")));

    assertThat(refused).isNotNull();
    assertThat(refused.getCause()).hasMessageContaining("field 'level': 'everything' is not one of config, code, full");
    // Refused by its validator: never accepted, so nothing of it in history.
    assertThat(harness.history().getEvents()).noneMatch(
        e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    assertThat(harness.status().rejectedMessages()).isEmpty();
  }

  @Test
  void aWellFormedMessageAfterTheBadOnesStillCounts() {
    harness.stub().signal("approve", 42);
    awaitRejected(1);

    harness.workflow().approve(new ApproveMessage("bob", null, null));

    assertThat(harness.result().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(harness.status().rejectedMessages()).singleElement()
        .satisfies(r -> assertThat(r.reason()).endsWith(", not a number"));
  }

  private List<RejectedMessage> awaitRejected(int count) {
    return harness.awaitStatus(count + " rejected message(s)", s -> s.rejectedMessages().size() >= count).rejectedMessages();
  }
}
