package dev.deployflow.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The rules for rollout steps (production's and the hotfix's) and the stability window. */
final class RolloutRules {
  private RolloutRules() {}

  static void rollout(String path, List<RolloutStep> steps, Set<String> analysisNames, ValidationProblems problems) {
    if (steps == null) {
      return;
    }
    Integer previous = null;
    for (int i = 0; i < steps.size(); i++) {
      String stepPath = path + "[" + i + "]";
      RolloutStep step = steps.get(i);
      if (step == null) {
        problems.add(stepPath, "must not be empty");
        continue;
      }
      Integer weight = step.weight();
      if (weight == null) {
        problems.add(stepPath + ".weight", "is required, between 1 and 100");
      } else if (weight < 1 || weight > 100) {
        problems.add(stepPath + ".weight", "must be between 1 and 100, was " + weight);
      } else {
        if (previous != null && weight <= previous) {
          problems.add(stepPath + ".weight",
              "must be greater than the previous step's " + previous + ", was " + weight);
        }
        previous = weight;
      }
      problems.optionalDuration(stepPath + ".pause", step.pause(), false);
      analysisReferences(stepPath + ".analysis", step.analysis(), analysisNames, problems);
    }
  }

  static void stability(String path, StabilitySpec stability, Set<String> analysisNames, ValidationProblems problems) {
    Duration duration = problems.requiredDuration(path + ".duration", stability.duration(), true);
    Duration interval = problems.optionalDuration(path + ".interval", stability.interval(), true);
    if (duration != null && interval != null && interval.compareTo(duration) > 0) {
      problems.add(path + ".interval", "must not be longer than the duration " + stability.duration());
    }
    analysisReferences(path + ".analysis", stability.analysis(), analysisNames, problems);
  }

  private static void analysisReferences(
      String path, List<String> names, Set<String> analysisNames, ValidationProblems problems) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String namePath = path + "[" + i + "]";
      if (name == null || name.isBlank()) {
        problems.add(namePath, "must not be blank");
      } else if (!analysisNames.contains(name)) {
        problems.add(namePath, "no analysis named '" + name + "' in analysis"
            + (analysisNames.isEmpty() ? "" : " (known: " + String.join(", ", new java.util.TreeSet<>(analysisNames)) + ")"));
      }
    }
  }
}
