package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.RollbackLevel;
import org.junit.jupiter.api.Test;

/** The text of {@code /deploy …} slash commands, verb by verb. */
class ChatCommandParserTest {

  @Test
  void approveTakesTheRestAsComment() {
    assertThat(ChatCommandParser.parse("approve shop-api  looks good to me "))
        .isEqualTo(new ChatCommand.Approve("shop-api", "looks good to me"));
    assertThat(ChatCommandParser.parse("APPROVE shop-api"))
        .isEqualTo(new ChatCommand.Approve("shop-api", null));
  }

  @Test
  void rejectTakesTheRestAsReason() {
    assertThat(ChatCommandParser.parse("reject shop-api error budget spent"))
        .isEqualTo(new ChatCommand.Reject("shop-api", "error budget spent"));
  }

  @Test
  void rollbackTakesAnOptionalLevelThenAReason() {
    assertThat(ChatCommandParser.parse("rollback shop-api"))
        .isEqualTo(new ChatCommand.Rollback("shop-api", null, null));
    assertThat(ChatCommandParser.parse("rollback shop-api full checkout is broken"))
        .isEqualTo(new ChatCommand.Rollback("shop-api", RollbackLevel.FULL, "checkout is broken"));
    assertThat(ChatCommandParser.parse("rollback shop-api Config"))
        .isEqualTo(new ChatCommand.Rollback("shop-api", RollbackLevel.CONFIG, null));
    assertThat(ChatCommandParser.parse("rollback shop-api checkout is broken"))
        .isEqualTo(new ChatCommand.Rollback("shop-api", null, "checkout is broken"));
  }

  @Test
  void pauseResumePromoteAndStatus() {
    assertThat(ChatCommandParser.parse("pause shop-api waiting for the DBA"))
        .isEqualTo(new ChatCommand.Pause("shop-api", "waiting for the DBA"));
    assertThat(ChatCommandParser.parse("resume shop-api"))
        .isEqualTo(new ChatCommand.Resume("shop-api"));
    assertThat(ChatCommandParser.parse("promote shop-api"))
        .isEqualTo(new ChatCommand.Promote("shop-api", false));
    assertThat(ChatCommandParser.parse("promote shop-api full"))
        .isEqualTo(new ChatCommand.Promote("shop-api", true));
    assertThat(ChatCommandParser.parse("status shop-api"))
        .isEqualTo(new ChatCommand.Status("shop-api"));
  }

  @Test
  void retryAndSkipWithItsReason() {
    assertThat(ChatCommandParser.parse("retry shop-api"))
        .isEqualTo(new ChatCommand.Retry("shop-api"));
    assertThat(ChatCommandParser.parse("SKIP shop-api  checkout check is flaky (OPS-12) "))
        .isEqualTo(new ChatCommand.Skip("shop-api", "checkout check is flaky (OPS-12)"));
    assertThatThrownBy(() -> ChatCommandParser.parse("skip shop-api"))
        .hasMessageContaining("skip: why may the failed step be skipped? give a reason")
        .hasMessageContaining("skip <app> <reason>");
    assertThatThrownBy(() -> ChatCommandParser.parse("retry shop-api now please"))
        .hasMessageContaining("unexpected 'now please'");
  }

  @Test
  void mistakesAreExplainedWithTheUsage() {
    assertThatThrownBy(() -> ChatCommandParser.parse(""))
        .hasMessageContaining("no verb given")
        .hasMessageContaining(ChatCommandParser.USAGE);
    assertThatThrownBy(() -> ChatCommandParser.parse("approve"))
        .hasMessageContaining("approve: which application?");
    assertThatThrownBy(() -> ChatCommandParser.parse("deploy shop-api"))
        .hasMessageContaining("unknown verb 'deploy'");
    assertThatThrownBy(() -> ChatCommandParser.parse("approve Shop_API"))
        .hasMessageContaining("'Shop_API' is not an application name");
    assertThatThrownBy(() -> ChatCommandParser.parse("promote shop-api now"))
        .hasMessageContaining("promote takes only 'full'");
    assertThatThrownBy(() -> ChatCommandParser.parse("status shop-api please"))
        .hasMessageContaining("unexpected 'please'");
  }
}
