package dev.deployflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code temporal ...} commands as the README and CONTRACT.md print them, so that a test runs
 * the printed text (a wrong command in the docs fails the test), and a shell-like splitter for
 * them.
 */
public final class PrintedCommands {
  private PrintedCommands() {}

  /** The README at the top of the repository. */
  public static Path readme() {
    return E2ePaths.repoRoot().resolve("README.md");
  }

  /**
   * The first command in {@code file} that starts with {@code prefix}: up to the closing
   * backtick of inline code or the end of the line, with backslash-continued lines joined.
   */
  public static String find(Path file, String prefix) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < lines.size(); i++) {
      int at = lines.get(i).indexOf(prefix);
      if (at < 0) {
        continue;
      }
      StringBuilder command = new StringBuilder();
      String rest = lines.get(i).substring(at);
      while (true) {
        int tick = rest.indexOf('`');
        if (tick >= 0) {
          command.append(rest, 0, tick);
          break;
        }
        String trimmed = rest.stripTrailing();
        if (trimmed.endsWith("\\") && i + 1 < lines.size()) {
          command.append(trimmed, 0, trimmed.length() - 1).append(' ');
          rest = lines.get(++i).strip();
        } else {
          command.append(trimmed);
          break;
        }
      }
      return command.toString().strip();
    }
    throw new AssertionError(file + " prints no command starting with: " + prefix);
  }

  /**
   * Splits a command line as a POSIX shell would for plain words, quoted strings and a trailing
   * comment.
   */
  public static List<String> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '#' && !inWord) {
        // A shell comment: the rest of the line explains the command.
        break;
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed quote in: " + command);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * The same command for another application: its workflow id, and the application and outcome
   * of a list query.
   */
  public static String forApplication(String command, String application, String outcome) {
    String result =
        command
            .replaceAll("deploy-[a-z0-9][a-z0-9-]*", "deploy-" + application)
            .replaceAll("DeployApplication=\"[^\"]*\"", "DeployApplication=\"" + application + "\"");
    return outcome == null
        ? result
        : result.replaceAll("DeployOutcome=\"[^\"]*\"", "DeployOutcome=\"" + outcome + "\"");
  }

  /** The words after {@code temporal}, ready for {@link TemporalCli#run(List)}. */
  public static List<String> arguments(String command) {
    List<String> words = split(command);
    if (words.isEmpty() || !words.get(0).equals("temporal")) {
      throw new IllegalArgumentException("not a temporal command: " + command);
    }
    return words.subList(1, words.size());
  }
}
