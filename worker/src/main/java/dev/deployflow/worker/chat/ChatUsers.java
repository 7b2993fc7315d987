package dev.deployflow.worker.chat;

import dev.deployflow.model.InputRules;
import dev.deployflow.worker.security.Identity;
import dev.deployflow.worker.security.InvalidCredentialSettingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a chat speaker is: Slack's {@code user_id} mapped to a deployflow identity by
 * {@code DEPLOYFLOW_CHAT_USERS} ({@code SLACKUSERID:identity}, comma-separated). Slack's
 * {@code user_name} is a display name anyone can change to anyone else's, so it is never used.
 */
public final class ChatUsers {

  /** Slack user ids: {@code U…} or {@code W…} followed by upper-case letters and digits. */
  static final Pattern SLACK_USER_ID = Pattern.compile("[A-Z0-9]{2,32}");

  private final Map<String, String> identities;

  private ChatUsers(Map<String, String> identities) {
    this.identities = Map.copyOf(identities);
  }

  /**
   * Parses the {@code deployflow.chat.users} entries. A bad entry fails start-up with a message
   * naming its position.
   */
  public static ChatUsers parse(List<String> specs) {
    Map<String, String> identities = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String spec = specs.get(i) == null ? "" : specs.get(i).strip();
      if (spec.isEmpty()) {
        continue;
      }
      int colon = spec.indexOf(':');
      String userId = colon < 0 ? spec : spec.substring(0, colon).strip();
      String identity = colon < 0 ? "" : spec.substring(colon + 1).strip();
      if (!SLACK_USER_ID.matcher(userId).matches()) {
        throw invalid(i + 1, "'" + userId + "' is not a Slack user id (such as U024BE7LH)");
      }
      if (!Identity.valid(identity)) {
        throw invalid(i + 1, "identity '" + identity + "' must match " + InputRules.PERSON_RULE);
      }
      if (identities.putIfAbsent(userId, identity) != null) {
        throw invalid(i + 1, userId + " is mapped twice");
      }
    }
    return new ChatUsers(identities);
  }

  private static InvalidCredentialSettingException invalid(int position, String problem) {
    return new InvalidCredentialSettingException(
        "deployflow.chat.users (DEPLOYFLOW_CHAT_USERS), entry " + position + ": " + problem
            + "; entries are SLACKUSERID:identity");
  }

  /** The identity of Slack user {@code userId}, if mapped. */
  public Optional<String> identityOf(String userId) {
    return Optional.ofNullable(userId == null ? null : identities.get(userId));
  }

  /** How many users are mapped. */
  public int size() {
    return identities.size();
  }
}
