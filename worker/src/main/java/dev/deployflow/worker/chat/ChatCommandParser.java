package dev.deployflow.worker.chat;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.RollbackLevel;
import java.util.Locale;

/**
 * Parses the text of a slash command, e.g. {@code approve shop-api looks good}. Words are
 * separated by white space; everything after the arguments a verb knows is its free text
 * (comment or reason).
 */
public final class ChatCommandParser {

  /** What a person can type, shown when a command cannot be parsed. */
  public static final String USAGE =
      "usage: /deploy approve <app> [comment] | reject <app> [reason]"
          + " | rollback <app> [config|code|full] [reason] | pause <app> [reason]"
          + " | resume <app> | promote <app> [full] | retry <app> | skip <app> <reason>"
          + " | status <app>";

  private ChatCommandParser() {}

  /** A command that cannot be understood; the message says why, followed by the usage. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String problem) {
      super(problem + "\n" + USAGE);
    }
  }

  /** Parses {@code text}, the part after the command name. */
  public static ChatCommand parse(String text) {
    String[] head = (text == null ? "" : text.strip()).split("\\s+", 3);
    if (head[0].isEmpty()) {
      throw new UsageException("no verb given");
    }
    String verb = head[0].toLowerCase(Locale.ROOT);
    if (head.length < 2) {
      throw new UsageException(verb + ": which application?");
    }
    String application = head[1];
    if (!ReleaseRequest.APPLICATION_NAME.matcher(application).matches()) {
      throw new UsageException(
          "'" + application + "' is not an application name ([a-z0-9][a-z0-9-]{0,62})");
    }
    String rest = head.length > 2 ? head[2].strip() : "";
    return switch (verb) {
      case "approve" -> new ChatCommand.Approve(application, orNull(rest));
      case "reject" -> new ChatCommand.Reject(application, orNull(rest));
      case "rollback" -> rollback(application, rest);
      case "pause" -> new ChatCommand.Pause(application, orNull(rest));
      case "resume" -> noArguments(new ChatCommand.Resume(application), rest);
      case "promote" -> promote(application, rest);
      case "retry" -> noArguments(new ChatCommand.Retry(application), rest);
      case "skip" -> skip(application, rest);
      case "status" -> noArguments(new ChatCommand.Status(application), rest);
      default -> throw new UsageException("unknown verb '" + head[0] + "'");
    };
  }

  private static ChatCommand rollback(String application, String rest) {
    String[] words = rest.split("\\s+", 2);
    String first = words[0].toLowerCase(Locale.ROOT);
    for (RollbackLevel level : RollbackLevel.values()) {
      if (level.json().equals(first)) {
        return new ChatCommand.Rollback(
            application, level, words.length > 1 ? orNull(words[1].strip()) : null);
      }
    }
    return new ChatCommand.Rollback(application, null, orNull(rest));
  }

  private static ChatCommand promote(String application, String rest) {
    if (rest.isEmpty()) {
      return new ChatCommand.Promote(application, false);
    }
    if (rest.equalsIgnoreCase("full")) {
      return new ChatCommand.Promote(application, true);
    }
    throw new UsageException("promote takes only 'full', not '" + rest + "'");
  }

  /** A skip is recorded in the status, release log and post-mortem: it needs its reason. */
  private static ChatCommand skip(String application, String rest) {
    if (rest.isEmpty()) {
      throw new UsageException("skip: why may the failed step be skipped? give a reason");
    }
    return new ChatCommand.Skip(application, rest);
  }

  private static ChatCommand noArguments(ChatCommand command, String rest) {
    if (!rest.isEmpty()) {
      throw new UsageException("unexpected '" + rest + "'");
    }
    return command;
  }

  private static String orNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
