package dev.deployflow.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes every {@code deployflow …} command the command line shows (gate commands, hints in
 * messages) runnable as copied: with the program as the person typed it ({@code ./deployflow},
 * which the launcher passes as {@value #INVOKED_AS}) and, when this run was pointed at another
 * Temporal than the environment gives, with {@code --temporal ADDRESS}, so that the copy reaches
 * the same server. Temporal CLI commands are left as they are. Pure.
 *
 * @param program how the person started the command line, e.g. {@code ./deployflow}
 * @param defaultAddress the address a command gets without {@code --temporal}: $TEMPORAL_ADDRESS
 *     or {@value #DEFAULT_ADDRESS}
 * @param address the address given explicitly with {@code --temporal}, or null
 */
public record CommandHints(String program, String defaultAddress, String address) {
  /** The environment variable the launcher sets to its own name as typed ({@code $0}). */
  public static final String INVOKED_AS = "DEPLOYFLOW_INVOKED_AS";

  /** The name the commands carry when nothing better is known. */
  public static final String DEFAULT_PROGRAM = "deployflow";

  /** Where the command line looks for Temporal when neither --temporal nor $TEMPORAL_ADDRESS says. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";

  /** A command of this program, not {@code deployflow:} (an error) nor {@code ./deployflow worker}. */
  private static final Pattern COMMAND = Pattern.compile(
      "(?<![\\w./-])deployflow (?=(?:start|watch|status|approve|reject|rollback|pause|resume|promote)\\b)");

  /** What a shell takes as one word without quotes. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  public CommandHints {
    program = program == null || program.isBlank() ? DEFAULT_PROGRAM : program.trim();
    defaultAddress = defaultAddress == null || defaultAddress.isBlank() ? DEFAULT_ADDRESS : defaultAddress.trim();
    address = address == null || address.isBlank() ? null : address.trim();
  }

  /** Commands as {@code deployflow …}, unchanged. */
  public static CommandHints plain() {
    return new CommandHints(DEFAULT_PROGRAM, DEFAULT_ADDRESS, null);
  }

  /** From the process environment: {@value #INVOKED_AS} and {@code TEMPORAL_ADDRESS}. */
  public static CommandHints fromEnvironment(Map<String, String> environment) {
    return new CommandHints(environment.get(INVOKED_AS), environment.get("TEMPORAL_ADDRESS"), null);
  }

  /** The same hints for a run given {@code --temporal address} explicitly. */
  public CommandHints withExplicitAddress(String explicitAddress) {
    return new CommandHints(program, defaultAddress, explicitAddress);
  }

  /**
   * The text with each {@code deployflow <command>} written as {@link #program}, and
   * {@code --temporal ADDRESS} added at the end of each line holding one when the explicit
   * address differs from the default (a command runs to the end of its line in every message).
   */
  public String rewrite(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String suffix = address == null || address.equals(defaultAddress) ? "" : " --temporal " + address;
    String replacement = Matcher.quoteReplacement(shellWord(program) + " ");
    String[] lines = text.split("\n", -1);
    StringBuilder result = new StringBuilder(text.length() + 32);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher matcher = COMMAND.matcher(line);
      if (matcher.find()) {
        boolean hasAddress = line.substring(matcher.start()).contains("--temporal");
        line = matcher.replaceAll(replacement) + (hasAddress ? "" : suffix);
      }
      result.append(line);
      if (i < lines.length - 1) {
        result.append('\n');
      }
    }
    return result.toString();
  }

  /** The program as a shell reads it back: quoted when it holds spaces or other specials. */
  private static String shellWord(String word) {
    return PLAIN_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
