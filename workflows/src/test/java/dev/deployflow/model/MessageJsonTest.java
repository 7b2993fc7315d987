package dev.deployflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.api.common.v1.Payload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The messages and the request travel as the JSON objects of CONTRACT.md: their rule checks are
 * methods, never fields on the wire, and the extra constructors keep old callers working.
 */
class MessageJsonTest {

  private static String json(Object value) {
    Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
    return payload.getData().toString(StandardCharsets.UTF_8);
  }

  @Test
  void messagesCarryOnlyTheirFields() {
    assertThat(json(new ApproveMessage("bob", null, "ok"))).isEqualTo("{\"by\":\"bob\",\"gate\":null,\"comment\":\"ok\"}");
    assertThat(json(new PromoteMessage("bob", true))).isEqualTo("{\"by\":\"bob\",\"full\":true}");
    assertThat(json(new PromoteMessage("bob", true, true))).isEqualTo("{\"by\":\"bob\",\"full\":true,\"allWaves\":true}");
    assertThat(json(new RollbackMessage("bob", null, RollbackLevel.FULL))).doesNotContain("problems");
  }

  @Test
  void theRequestRoundTripsWithCommittedAt() {
    ReleaseRequest request = new ReleaseRequest("shop", "1.2.0", null, null, null, "alice", List.of("x"), null,
        "2026-05-04T10:15:30Z");
    String json = json(request);
    assertThat(json).contains("\"committedAt\":\"2026-05-04T10:15:30Z\"").doesNotContain("problems").doesNotContain("Problems");
    Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(request).orElseThrow();
    assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, ReleaseRequest.class, ReleaseRequest.class))
        .isEqualTo(request);
  }

  @Test
  void aStatusWithoutTheDroppedCountsReadsAsNothingDropped() {
    String old = "{\"application\":\"shop\",\"version\":\"1.2.0\",\"timeline\":[],\"rejectedMessages\":[]}";
    Payload payload = Payload.newBuilder().mergeFrom(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow())
        .setData(com.google.protobuf.ByteString.copyFromUtf8(old)).build();
    ReleaseStatus status = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, ReleaseStatus.class, ReleaseStatus.class);
    assertThat(status.timelineDropped()).isZero();
    assertThat(status.rejectedMessagesDropped()).isZero();
  }

  @Test
  void anAnalysisThatPassedSaysPassedAndAnOlderWritersSuccessfulStillReads() {
    ReleaseStatus.AnalysisStatus passed = new ReleaseStatus.AnalysisStatus("error-rate", "canary 10%", List.of(), AnalysisState.PASSED);
    assertThat(json(passed)).contains("\"verdict\":\"passed\"");
    for (String written : List.of("passed", "PASSED", "successful", "Successful")) {
      String old = "{\"metric\":\"error-rate\",\"step\":\"stability\",\"measurements\":[],\"verdict\":\"" + written + "\"}";
      Payload payload = Payload.newBuilder().mergeFrom(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow())
          .setData(com.google.protobuf.ByteString.copyFromUtf8(old)).build();
      assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, ReleaseStatus.AnalysisStatus.class,
          ReleaseStatus.AnalysisStatus.class).verdict()).as(written).isEqualTo(AnalysisState.PASSED);
    }
  }
}
