package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import org.junit.jupiter.api.Test;

/**
 * A message's JSON is read with its JSON types as sent: a number, boolean or string where the field
 * takes another type is refused naming the field, where Jackson would have converted it; a missing
 * or null optional field and an enum value in any case still decode.
 */
class MessageDecoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aNumberOrBooleanWhereAStringIsTakenIsRefused() throws Exception {
    assertThat(problem("approve", "{\"by\":42}", ApproveMessage.class))
        .isEqualTo("field 'by': must be a string, not a number");
    assertThat(problem("approve", "{\"by\":\"bob\",\"comment\":true}", ApproveMessage.class))
        .isEqualTo("field 'comment': must be a string, not a boolean");
    assertThat(problem("freeze", "{\"by\":\"bob\",\"reason\":\"x\",\"applications\":[\"shop\",7.5]}", FreezeMessage.class))
        .isEqualTo("field 'applications[1]': must be a string, not a decimal number");
  }

  @Test
  void aNumberOrStringWhereABooleanIsTakenIsRefusedWhileMissingOrNullFieldsStillDecode() throws Exception {
    assertThat(problem("promote", "{\"by\":\"bob\",\"full\":1}", PromoteMessage.class))
        .isEqualTo("field 'full': must be true or false, not a number");
    assertThat(problem("promote", "{\"by\":\"bob\",\"full\":\"true\"}", PromoteMessage.class))
        .isEqualTo("field 'full': must be true or false, not a string");
    assertThat(problem("promote", "{\"by\":\"bob\",\"allWaves\":\"\"}", PromoteMessage.class))
        .isEqualTo("field 'allWaves': must be true or false, not a string");

    // What stays accepted: a missing or null optional field, and an enum value in any case.
    assertThat(decoded("promote", "{\"by\":\"bob\"}", PromoteMessage.class)).isEqualTo(new PromoteMessage("bob", false));
    assertThat(decoded("promote", "{\"by\":\"bob\",\"full\":null}", PromoteMessage.class))
        .isEqualTo(new PromoteMessage("bob", false));
    assertThat(decoded("promote", "{\"by\":\"bob\",\"full\":true}", PromoteMessage.class))
        .isEqualTo(new PromoteMessage("bob", true));
    assertThat(decoded("approve", "{\"by\":\"bob\",\"comment\":null}", ApproveMessage.class))
        .isEqualTo(new ApproveMessage("bob", null, null));
    assertThat(decoded("rollback", "{\"by\":\"bob\",\"level\":\"Full\"}", RollbackMessage.class))
        .isEqualTo(new RollbackMessage("bob", null, RollbackLevel.FULL));
  }

  @Test
  void aStringOrDecimalWhereAWholeNumberIsTakenIsRefused() throws Exception {
    // No message of today has a whole-number field; the rule is the decoder's, for the next one.
    assertThat(problem("count", "{\"count\":\"3\"}", Counted.class))
        .isEqualTo("field 'count': must be a whole number, not a string");
    assertThat(problem("count", "{\"count\":2.5}", Counted.class))
        .isEqualTo("field 'count': must be a whole number, not a decimal number");
    assertThat(problem("count", "{\"count\":true}", Counted.class))
        .isEqualTo("field 'count': must be a whole number, not a boolean");
    assertThat(decoded("count", "{\"count\":3}", Counted.class)).isEqualTo(new Counted(3));
  }

  record Counted(int count) {}

  private static <M> String problem(String name, String json, Class<M> type) throws Exception {
    MessageDecoder.Decoded<M> decoded = MessageDecoder.decode(name, JSON.readTree(json), type);
    assertThat(decoded.message()).as(json).isNull();
    return decoded.problem();
  }

  private static <M> M decoded(String name, String json, Class<M> type) throws Exception {
    MessageDecoder.Decoded<M> decoded = MessageDecoder.decode(name, JSON.readTree(json), type);
    assertThat(decoded.problem()).as(json).isNull();
    return decoded.message();
  }
}
