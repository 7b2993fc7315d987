package dev.deployflow.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for {@code environments}: names, required configuration, smoke tests, and the rule
 * that only the last environment (production) rolls out in steps and holds a stability window,
 * because every earlier environment is deployed at 100% (see {@code dev.deployflow.plan.ReleasePlan}).
 */
final class EnvironmentRules {
  private EnvironmentRules() {}

  static void check(List<Environment> environments, Set<String> analysisNames, ValidationProblems problems) {
    if (environments == null || environments.isEmpty()) {
      problems.add("environments", "at least one environment is required (the last one is production)");
      return;
    }
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < environments.size(); i++) {
      String path = "environments[" + i + "]";
      Environment environment = environments.get(i);
      if (environment == null) {
        problems.add(path, "must not be empty");
        continue;
      }
      boolean production = i == environments.size() - 1;
      problems.uniqueName(path + ".name", environment.name(), names);
      requiredConfig(path + ".requiredConfig", environment.requiredConfig(), problems);
      smokeTests(path + ".smokeTests", environment.smokeTests(), problems);
      if (environment.approval() != null) {
        GateRules.approval(path + ".approval", environment.approval(), problems);
      }
      if (environment.window() != null) {
        GateRules.window(path + ".window", environment.window(), problems);
      }
      GateRules.freezes(path + ".freezes", environment.freezes(), problems);
      onFailure(path, environment, problems);
      if (production) {
        RolloutRules.rollout(path + ".rollout", environment.rollout(), analysisNames, problems);
        if (environment.stability() != null) {
          RolloutRules.stability(path + ".stability", environment.stability(), analysisNames, problems);
        }
      } else {
        if (environment.rollout() != null && !environment.rollout().isEmpty()) {
          problems.add(path + ".rollout", "only the last environment (production) rolls out in steps;"
              + " earlier environments are deployed at 100%");
        }
        if (environment.stability() != null) {
          problems.add(path + ".stability", "only the last environment (production) holds a stability window");
        }
      }
    }
  }

  /** {@code onFailure} is {@code ask} or {@code rollback}; {@code decisionTimeout} a positive duration, only with {@code ask}. */
  private static void onFailure(String path, Environment environment, ValidationProblems problems) {
    String onFailure = environment.onFailure();
    if (onFailure != null && !Environment.ASK.equals(onFailure) && !Environment.ROLLBACK.equals(onFailure)) {
      problems.add(path + ".onFailure", "must be ask or rollback, was '" + onFailure + "'");
    }
    if (environment.decisionTimeout() != null) {
      problems.optionalDuration(path + ".decisionTimeout", environment.decisionTimeout(), true);
      if (!environment.asksOnFailure()) {
        problems.add(path + ".decisionTimeout", "applies only with onFailure: ask (nobody is asked to decide otherwise)");
      }
    }
  }

  private static void requiredConfig(String path, List<String> names, ValidationProblems problems) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || name.isBlank()) {
        problems.add(path + "[" + i + "]", "must not be blank");
      }
    }
  }

  private static void smokeTests(String path, List<SmokeTest> tests, ValidationProblems problems) {
    if (tests == null) {
      return;
    }
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < tests.size(); i++) {
      String testPath = path + "[" + i + "]";
      SmokeTest test = tests.get(i);
      if (test == null) {
        problems.add(testPath, "must not be empty");
        continue;
      }
      problems.uniqueName(testPath + ".name", test.name(), names);
      if (problems.requireObject(testPath + ".request", test.request())) {
        problems.httpCall(testPath + ".request", test.request());
      }
      SmokeTest.Expectation expect = test.expect();
      if (expect == null) {
        continue;
      }
      if (expect.status() != null && (expect.status() < 100 || expect.status() > 599)) {
        problems.add(testPath + ".expect.status", "must be an HTTP status between 100 and 599, was " + expect.status());
      }
      problems.optionalDuration(testPath + ".expect.maxLatency", expect.maxLatency(), true);
      if (expect.jsonPointers() != null) {
        for (String pointer : new java.util.TreeSet<>(expect.jsonPointers().keySet())) {
          problems.jsonPointer(testPath + ".expect.jsonPointers." + pointer, pointer);
        }
      }
    }
  }
}
