package dev.deployflow.worker.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Slack slash-command answer: {@code in_channel} replies are seen by everyone (an accepted
 * action), {@code ephemeral} ones only by the person who typed the command (a refusal, a usage
 * hint, a status).
 */
public record SlackReply(@JsonProperty("response_type") String responseType, String text) {

  /** Shown to the whole channel. */
  public static SlackReply inChannel(String text) {
    return new SlackReply("in_channel", text);
  }

  /** Shown only to the sender. */
  public static SlackReply ephemeral(String text) {
    return new SlackReply("ephemeral", text);
  }
}
