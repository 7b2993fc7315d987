package dev.deployflow.worker.chat;

import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseClient;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.model.ApproveMessage;
import dev.deployflow.model.PauseMessage;
import dev.deployflow.model.PromoteMessage;
import dev.deployflow.model.RejectMessage;
import dev.deployflow.model.ReleaseStatus;
import dev.deployflow.model.ResumeMessage;
import dev.deployflow.model.RollbackLevel;
import dev.deployflow.model.RollbackMessage;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a chat command through the release client, as the person who typed it, and says
 * in the reply what happened or why it was refused.
 */
public class ChatCommandHandler {
  private static final Logger log = LoggerFactory.getLogger(ChatCommandHandler.class);

  private final ReleaseClient releases;

  public ChatCommandHandler(ReleaseClient releases) {
    this.releases = releases;
  }

  /** Runs {@code command} for {@code user} and returns the reply. */
  public SlackReply handle(ChatCommand command, String user) {
    String app = command.application();
    try {
      if (command instanceof ChatCommand.Status) {
        return SlackReply.ephemeral(StatusText.detail(releases.status(app)));
      }
      return SlackReply.inChannel(act(command, user));
    } catch (MessageRefusedException e) {
      return SlackReply.ephemeral(
          ":no_entry: " + e.messageName() + " of " + app + " refused: " + e.getMessage());
    } catch (ReleaseNotFoundException e) {
      return SlackReply.ephemeral(":grey_question: " + e.getMessage());
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      log.warn("Chat command {} for {} failed: {}", command, user, e.toString());
      return SlackReply.ephemeral(
          ":warning: deployflow cannot reach Temporal right now; nothing was done. Try again.");
    }
  }

  private String act(ChatCommand command, String user) {
    String app = command.application();
    if (command instanceof ChatCommand.Approve approve) {
      ReleaseStatus status = releases.approve(app, new ApproveMessage(user, null, approve.comment()));
      return user + " approved " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Reject reject) {
      ReleaseStatus status = releases.reject(app, new RejectMessage(user, null, reject.reason()));
      return user + " rejected " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Rollback rollback) {
      ReleaseStatus status =
          releases.rollback(app, new RollbackMessage(user, rollback.reason(), rollback.level()));
      RollbackLevel level = rollback.level() == null ? RollbackLevel.CODE : rollback.level();
      return user + " asked for a " + level.json() + " rollback of " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Pause pause) {
      ReleaseStatus status = releases.pause(app, new PauseMessage(user, pause.reason()));
      return user + " paused " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Resume) {
      ReleaseStatus status = releases.resume(app, new ResumeMessage(user));
      return user + " resumed " + StatusText.summary(status);
    }
    if (command instanceof ChatCommand.Promote promote) {
      ReleaseStatus status = releases.promote(app, new PromoteMessage(user, promote.full()));
      return user + " promoted " + (promote.full() ? "(all remaining steps) " : "")
          + StatusText.summary(status);
    }
    throw new IllegalStateException("unhandled chat command " + command);
  }
}
