package dev.deployflow.worker.chat;

import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.ReleaseClientException;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.client.TemporalAccessDeniedException;
import dev.deployflow.client.TemporalUnavailableException;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.BreakGlassMessage;
import dev.deployflow.model.Freeze;
import dev.deployflow.model.FreezeMessage;
import dev.deployflow.model.OperatorMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import dev.deployflow.model.UnfreezeMessage;
import dev.deployflow.worker.api.MessageChecks;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a chat command through the release client, as the person who typed it, and says
 * in the reply what happened or why it was refused.
 */
public class ChatCommandHandler {
  private static final Logger log = LoggerFactory.getLogger(ChatCommandHandler.class);

  private final ReleaseClient releases;
  /** Turns a freeze's {@code --until 2h} into the instant the calendar takes. */
  private final Clock clock;

  public ChatCommandHandler(ReleaseClient releases) {
    this(releases, Clock.systemUTC());
  }

  public ChatCommandHandler(ReleaseClient releases, Clock clock) {
    this.releases = releases;
    this.clock = clock;
  }

  /**
   * Runs {@code command} for {@code user} and returns the reply. Every value the reply echoes
   * (names, versions, the validator's words) is escaped for Slack.
   */
  public SlackReply handle(ChatCommand command, String user) {
    String app = command.application();
    try {
      if (command instanceof ChatCommand.Status) {
        return SlackReply.ephemeral(StatusText.detail(releases.status(app)));
      }
      if (command instanceof ChatCommand.Freezes) {
        return SlackReply.ephemeral(FreezeText.list(releases.freezes()));
      }
      if (command instanceof ChatCommand.Freeze
          || command instanceof ChatCommand.Unfreeze) {
        return SlackReply.inChannel(calendar(command, user));
      }
      return SlackReply.inChannel(act(command, user));
    } catch (MessageRefusedException e) {
      // The release's or the calendar's own words: who may send it, no such freeze, until in the past.
      return SlackReply.ephemeral(
          ":no_entry: " + SlackText.escape(e.messageName())
              + (app == null ? "" : " of " + SlackText.escape(app))
              + " refused: " + SlackText.escapeLines(e.getMessage()));
    } catch (IllegalArgumentException e) {
      // The message broke an input rule (MessageChecks); the words name the field.
      return SlackReply.ephemeral(":no_entry: " + SlackText.escapeLines(e.getMessage()));
    } catch (ReleaseNotFoundException e) {
      return SlackReply.ephemeral(":grey_question: " + SlackText.escapeLines(e.getMessage()));
    } catch (TemporalUnavailableException e) {
      log.warn("Chat command {} for {} of {} failed: {}",
          command.getClass().getSimpleName(), user, app == null ? "the freeze calendar" : app, e.getMessage());
      return SlackReply.ephemeral(
          ":warning: deployflow cannot reach Temporal right now; nothing was done. Try again.");
    } catch (ReleaseClientException e) {
      // The rest of the closed family: access refused to the worker, a failed request or run.
      log.warn("Chat command {} for {} of {} failed: {}",
          command.getClass().getSimpleName(), user, app == null ? "the freeze calendar" : app, e.getMessage());
      return SlackReply.ephemeral(e instanceof TemporalAccessDeniedException
          ? ":warning: Temporal refused deployflow's credentials; nothing was done. Tell the worker's operator."
          : ":warning: " + SlackText.escapeLines(e.getMessage()));
    }
  }

  private String act(ChatCommand command, String user) {
    String app = command.application();
    String who = SlackText.escape(user);
    if (command instanceof ChatCommand.Approve approve) {
      ReleaseStatus status =
          releases.approve(app, checked(new ApproveMessage(user, null, approve.comment())));
      return who + " approved " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Reject reject) {
      ReleaseStatus status =
          releases.reject(app, checked(new RejectMessage(user, null, reject.reason())));
      return who + " rejected " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Rollback rollback) {
      ReleaseStatus status =
          releases.rollback(
              app, checked(new RollbackMessage(user, rollback.reason(), rollback.level())));
      RollbackLevel level = rollback.level() == null ? RollbackLevel.CODE : rollback.level();
      return who + " asked for a " + level.json() + " rollback of " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Pause pause) {
      ReleaseStatus status = releases.pause(app, checked(new PauseMessage(user, pause.reason())));
      return who + " paused " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Resume) {
      ReleaseStatus status = releases.resume(app, checked(new ResumeMessage(user)));
      return who + " resumed " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Promote promote) {
      ReleaseStatus status =
          releases.promote(app, checked(new PromoteMessage(user, promote.full(), promote.allWaves())));
      return who + " promoted " + (promote.allWaves() ? "(all remaining steps of every wave) "
          : promote.full() ? "(all remaining steps) " : "")
          + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Retry) {
      ReleaseStatus status = releases.retry(app, checked(new dev.deployflow.model.RetryMessage(user)));
      return who + " retried the failed step of " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Skip skip) {
      ReleaseStatus status =
          releases.skip(app, checked(new dev.deployflow.model.SkipMessage(user, skip.reason())));
      return who + " skipped the failed step (" + SlackText.escape(skip.reason()) + ") of "
          + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.BreakGlass breakGlass) {
      ReleaseStatus status =
          releases.breakGlass(app, checked(new BreakGlassMessage(user, breakGlass.reason())));
      return who + " broke the glass (" + SlackText.escape(breakGlass.reason()) + ") for "
          + StatusText.summary(status);
    }
    throw new IllegalStateException("unhandled chat command " + command.getClass());
  }

  /** Places or lifts a freeze of the calendar, as the speaker; stopping the line is for everyone who may act. */
  private String calendar(ChatCommand command, String user) {
    String who = SlackText.escape(user);
    if (command instanceof ChatCommand.Freeze freeze) {
      Freeze placed = releases.freeze(checked(new FreezeMessage(
          user, freeze.reason(), freeze.untilInstant(clock.instant()), freeze.applications())));
      return who + " stopped the line: " + FreezeText.describe(placed) + " holds "
          + FreezeText.applications(placed) + " before the next production step. Lift it: /deploy unfreeze "
          + SlackText.escape(placed.id());
    }
    ChatCommand.Unfreeze unfreeze = (ChatCommand.Unfreeze) command;
    Freeze lifted = releases.unfreeze(checked(new UnfreezeMessage(user, unfreeze.id())));
    return who + " lifted " + FreezeText.describe(lifted) + "; the releases it held go ahead unless another"
        + " freeze holds them";
  }

  /** The message, after its own input rules found nothing wrong. */
  private static <T extends OperatorMessage> T checked(T message) {
    MessageChecks.check(message);
    return message;
  }
}
