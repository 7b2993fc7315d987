package dev.deployflow.demo;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo worker's own credentials, made fresh for every run: an operator API token for each of
 * the demo's people, and the chat mapping from their Slack user ids to their names in the demo
 * workspace. The demo's worker is secured like any other; it just configures itself.
 */
public final class DemoCredentials {
  /** The Slack workspace the demo's chat commands come from. */
  public static final String TEAM_ID = "T0DEMO";

  /** The demo's people: the requester, the approver and a second approver. */
  static final List<String> PEOPLE = List.of(DemoRun.REQUESTER, DemoRun.APPROVER, "carol");

  private static final Map<String, String> TOKENS = newTokens();

  private DemoCredentials() {}

  /** The Slack user id the demo's chat workspace gives {@code person}. */
  public static String slackUserId(String person) {
    return "U0" + person.toUpperCase(Locale.ROOT);
  }

  /** The operator API token of {@code person} for this run. */
  public static String apiToken(String person) {
    String token = TOKENS.get(person);
    if (token == null) {
      throw new IllegalArgumentException(person + " is not one of the demo's people " + PEOPLE);
    }
    return token;
  }

  /** The worker's command-line arguments that configure these credentials. */
  static List<String> workerArguments() {
    return List.of(
        "--deployflow.api.tokens="
            + PEOPLE.stream()
                .map(person -> person + ":operator:" + TOKENS.get(person))
                .collect(Collectors.joining(",")),
        "--deployflow.chat.users="
            + PEOPLE.stream()
                .map(person -> slackUserId(person) + ":" + person)
                .collect(Collectors.joining(",")),
        "--deployflow.chat.team-id=" + TEAM_ID);
  }

  private static Map<String, String> newTokens() {
    SecureRandom random = new SecureRandom();
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String person : PEOPLE) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      tokens.put(person, HexFormat.of().formatHex(bytes));
    }
    return Map.copyOf(tokens);
  }
}
