package dev.deployflow.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Places a freeze on the calendar: {@code {"by","reason","until"?,"applications"?}}. Without
 * {@code until} it holds until {@code unfreeze}; without {@code applications} it holds every
 * application. A {@code until} in the past is refused by the calendar (it knows the time).
 */
public record FreezeMessage(String by, String reason, String until, List<String> applications) implements OperatorMessage {

  /** The most applications one freeze names. */
  public static final int MAX_APPLICATIONS = 100;

  /** The input problems of this message, each naming its field (CONTRACT.md "Input rules"). */
  public List<String> problems() {
    List<String> found = new ArrayList<>();
    found.add(InputRules.person("by", by));
    found.add(reason == null || reason.isBlank()
        ? "reason: is required; say why releases must stop, e.g. {\"reason\":\"holiday code freeze\"}"
        : InputRules.text("reason", reason));
    found.add(InputRules.instant("until", until));
    if (applications != null) {
      if (applications.size() > MAX_APPLICATIONS) {
        found.add("applications: holds " + applications.size() + " entries; at most " + MAX_APPLICATIONS + " are allowed");
      } else {
        for (int i = 0; i < applications.size(); i++) {
          found.add(InputRules.name("applications[" + i + "]", applications.get(i)));
        }
      }
    }
    return MessageRules.problems(found.toArray(new String[0]));
  }
}
