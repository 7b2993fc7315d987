package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.model.RollbackLevel;
import java.time.Instant;
import java.util.List;
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
    assertThat(ChatCommandParser.parse("promote shop-api full  all-waves"))
        .isEqualTo(new ChatCommand.Promote("shop-api", true, true));
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
  void freezeTakesItsReasonAndOptionsAnywhere() {
    assertThat(ChatCommandParser.parse("freeze holiday code freeze"))
        .isEqualTo(new ChatCommand.Freeze("holiday code freeze", null, null));
    assertThat(ChatCommandParser.parse("FREEZE  payments incident  --until 2h --app shop-api,web "))
        .isEqualTo(new ChatCommand.Freeze("payments incident", "2h", List.of("shop-api", "web")));
    assertThat(ChatCommandParser.parse("freeze --app=shop-api --until=2026-12-24T00:00:00Z year-end -- no deploys"))
        .isEqualTo(new ChatCommand.Freeze("year-end -- no deploys", "2026-12-24T00:00:00Z", List.of("shop-api")));
    assertThat(new ChatCommand.Freeze("x", "90m", null).untilInstant(Instant.parse("2026-03-02T10:00:00Z")))
        .isEqualTo("2026-03-02T11:30:00Z");
    assertThat(new ChatCommand.Freeze("x", "3d", null).untilInstant(Instant.parse("2026-03-02T10:00:00Z")))
        .isEqualTo("2026-03-05T10:00:00Z");
    assertThat(ChatCommandParser.parse("freeze x").application()).isNull();
  }

  @Test
  void freezeMistakesAreExplained() {
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze"))
        .hasMessageContaining("freeze: why must releases stop? give a reason")
        .hasMessageContaining("freeze <reason> [--until <instant|30m|2h|3d>] [--app <app,app>]");
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze --until 2h"))
        .hasMessageContaining("give a reason");
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze stop --until"))
        .hasMessageContaining("freeze: --until needs a value");
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze stop --until tomorrow"))
        .hasMessageContaining("--until 'tomorrow' is neither an instant such as 2026-12-24T00:00:00Z nor a duration such as 2h");
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze stop --until 2h --until 3h"))
        .hasMessageContaining("freeze: --until is given twice");
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze stop --app ,"))
        .hasMessageContaining("--app names no application");
    // The speaker is who the signed request's user id maps to; the text cannot name another.
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze stop --by alice"))
        .hasMessageContaining("freeze: unknown option '--by'");
    assertThatThrownBy(() -> ChatCommandParser.parse("freeze stop --apps shop-api"))
        .hasMessageContaining("freeze: unknown option '--apps' (it takes --until and --app)");
  }

  @Test
  void unfreezeFreezesAndBreakGlass() {
    assertThat(ChatCommandParser.parse("unfreeze freeze-3")).isEqualTo(new ChatCommand.Unfreeze("freeze-3"));
    assertThat(ChatCommandParser.parse("freezes")).isEqualTo(new ChatCommand.Freezes());
    assertThat(ChatCommandParser.parse("breakglass shop-api  checkout down (INC-7) "))
        .isEqualTo(new ChatCommand.BreakGlass("shop-api", "checkout down (INC-7)"));
    assertThat(ChatCommandParser.parse("break-glass shop-api down"))
        .isEqualTo(new ChatCommand.BreakGlass("shop-api", "down"));
    assertThatThrownBy(() -> ChatCommandParser.parse("unfreeze"))
        .hasMessageContaining("unfreeze: which freeze? give its id");
    assertThatThrownBy(() -> ChatCommandParser.parse("unfreeze freeze-3 freeze-4"))
        .hasMessageContaining("unexpected 'freeze-4'");
    assertThatThrownBy(() -> ChatCommandParser.parse("freezes shop-api"))
        .hasMessageContaining("unexpected 'shop-api'");
    assertThatThrownBy(() -> ChatCommandParser.parse("breakglass shop-api"))
        .hasMessageContaining("breakglass: why may the hotfix not wait for the freeze to lift? give a reason");
    assertThatThrownBy(() -> ChatCommandParser.parse("breakglass Shop_API now"))
        .hasMessageContaining("'Shop_API' is not an application name");
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
        .hasMessageContaining("promote takes only 'full' or 'full all-waves'");
    assertThatThrownBy(() -> ChatCommandParser.parse("promote shop-api all-waves"))
        .hasMessageContaining("promote takes only 'full' or 'full all-waves', not 'all-waves'");
    assertThatThrownBy(() -> ChatCommandParser.parse("status shop-api please"))
        .hasMessageContaining("unexpected 'please'");
  }
}
