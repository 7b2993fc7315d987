package dev.deployflow.worker.chat;

import dev.deployflow.model.ReleaseRequest;
import dev.deployflow.model.RollbackLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
          + " | resume <app> | promote <app> [full [all-waves]] | retry <app> | skip <app> <reason>"
          + " | status <app> | freeze <reason> [--until <instant|30m|2h|3d>] [--app <app,app>]"
          + " | unfreeze <id> | freezes | breakglass <app> <reason>";

  /** A duration from now for {@code --until}, as the command line takes it: {@code 30m}, {@code 2h}, {@code 3d}. */
  /** A word that looks like an option ({@code --until}); other words, even {@code --}, belong to the reason. */
  private static final Pattern OPTION = Pattern.compile("--[A-Za-z].*");

  private ChatCommandParser() {}

  /** A command that cannot be understood; the message says why, followed by the usage. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String problem) {
      super(problem + "\n" + USAGE);
    }
  }

  /** Parses {@code text}, the part after the command name. */
  public static ChatCommand parse(String text) {
    String[] verbAndRest = (text == null ? "" : text.strip()).split("\\s+", 2);
    if (verbAndRest[0].isEmpty()) {
      throw new UsageException("no verb given");
    }
    String verb = verbAndRest[0].toLowerCase(Locale.ROOT);
    String afterVerb = verbAndRest.length > 1 ? verbAndRest[1].strip() : "";
    // The freeze calendar's commands address no single application.
    switch (verb) {
      case "freeze" -> {
        return freeze(afterVerb);
      }
      case "unfreeze" -> {
        return unfreeze(afterVerb);
      }
      case "freezes" -> {
        return noArguments(new ChatCommand.Freezes(), afterVerb);
      }
      default -> {
        // A release command: its application comes next.
      }
    }
    String[] head = afterVerb.split("\\s+", 2);
    if (head[0].isEmpty()) {
      throw new UsageException(verb + ": which application?");
    }
    String application = head[0];
    if (!ReleaseRequest.APPLICATION_NAME.matcher(application).matches()) {
      throw new UsageException(
          "'" + application + "' is not an application name ([a-z0-9][a-z0-9-]{0,62})");
    }
    String rest = head.length > 1 ? head[1].strip() : "";
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
      case "breakglass", "break-glass" -> breakGlass(application, rest);
      default -> throw new UsageException("unknown verb '" + verbAndRest[0] + "'");
    };
  }

  /**
   * The instant {@code until} names: an ISO-8601 instant, or a duration from {@code now}.
   *
   * @throws UsageException when it is neither
   */
  static Instant until(String until, Instant now) {
    try {
      return dev.deployflow.model.FreezeUntil.parse(until, now);
    } catch (IllegalArgumentException bad) {
      throw new UsageException(bad.getMessage());
    }
  }


  /**
   * {@code freeze <reason…> [--until X] [--app a,b]}: the options may stand anywhere; every other
   * word is the reason, joined by single spaces.
   */
  private static ChatCommand freeze(String rest) {
    List<String> words = new ArrayList<>(rest.isEmpty() ? List.of() : Arrays.asList(rest.split("\\s+")));
    String until = option(words, "--until");
    String apps = option(words, "--app");
    for (String word : words) {
      if (OPTION.matcher(word).matches()) {
        throw new UsageException("freeze: unknown option '" + word + "' (it takes --until and --app)");
      }
    }
    if (words.isEmpty()) {
      throw new UsageException("freeze: why must releases stop? give a reason");
    }
    if (until != null) {
      until(until, Instant.EPOCH);
    }
    List<String> applications = null;
    if (apps != null) {
      applications = Arrays.stream(apps.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
      if (applications.isEmpty()) {
        throw new UsageException("freeze: --app names no application; e.g. --app shop-api,web");
      }
    }
    return new ChatCommand.Freeze(String.join(" ", words), until, applications);
  }

  /** Takes {@code name value} (or {@code name=value}) out of {@code words}; null when absent. */
  private static String option(List<String> words, String name) {
    String value = null;
    int i = 0;
    while (i < words.size()) {
      String word = words.get(i);
      String found;
      if (word.equalsIgnoreCase(name)) {
        if (i + 1 >= words.size()) {
          throw new UsageException("freeze: " + name + " needs a value");
        }
        found = words.remove(i + 1);
        words.remove(i);
      } else if (word.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
        found = word.substring(name.length() + 1);
        words.remove(i);
      } else {
        i++;
        continue;
      }
      if (found.isEmpty()) {
        throw new UsageException("freeze: " + name + " needs a value");
      }
      if (value != null) {
        throw new UsageException("freeze: " + name + " is given twice");
      }
      value = found;
    }
    return value;
  }

  private static ChatCommand unfreeze(String rest) {
    if (rest.isEmpty()) {
      throw new UsageException("unfreeze: which freeze? give its id, such as freeze-3 (/deploy freezes lists them)");
    }
    String[] words = rest.split("\\s+", 2);
    if (words.length > 1) {
      throw new UsageException("unexpected '" + words[1] + "'");
    }
    return new ChatCommand.Unfreeze(words[0]);
  }

  /** Breaking the glass is recorded in the timeline, release log and post-mortem: it needs its reason. */
  private static ChatCommand breakGlass(String application, String rest) {
    if (rest.isEmpty()) {
      throw new UsageException("breakglass: why may the hotfix not wait for the freeze to lift? give a reason");
    }
    return new ChatCommand.BreakGlass(application, rest);
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
    if (rest.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").equals("full all-waves")) {
      return new ChatCommand.Promote(application, true, true);
    }
    throw new UsageException("promote takes only 'full' or 'full all-waves', not '" + rest + "'");
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
