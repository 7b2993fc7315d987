package dev.deployflow.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for {@code environments}: names, required configuration, smoke tests, roles, and the
 * rule that only production environments (the waves) roll out in steps and hold a stability
 * window, because every pre-production environment is deployed at 100% (see
 * {@code dev.deployflow.plan.ReleasePlan}). {@code role} is {@code production} or left out; once
 * one environment says it, the waves are the ones that say it, and they come last: a
 * pre-production environment after a wave would be deployed after production, which no release
 * order allows. Without any role the last environment is production, as before waves existed.
 */
final class EnvironmentRules {
  private EnvironmentRules() {}

  static void check(List<Environment> environments, Set<String> analysisNames, ValidationProblems problems) {
    if (environments == null || environments.isEmpty()) {
      problems.add("environments", "at least one environment is required (the last one is production)");
      return;
    }
    Map<String, String> names = new HashMap<>();
    List<Integer> waves = Environment.productionIndexes(environments);
    roles(environments, waves, problems);
    boolean roles = environments.stream().anyMatch(e -> e != null && e.role() != null);
    for (int i = 0; i < environments.size(); i++) {
      String path = "environments[" + i + "]";
      Environment environment = environments.get(i);
      if (environment == null) {
        problems.add(path, "must not be empty");
        continue;
      }
      boolean production = waves.contains(i);
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
          problems.add(path + ".rollout", roles
              ? "only production environments (role: production) roll out in steps; pre-production environments"
                  + " are deployed at 100%"
              : "only the last environment (production) rolls out in steps; earlier environments are deployed at 100%");
        }
        if (environment.stability() != null) {
          problems.add(path + ".stability", roles
              ? "only production environments (role: production) hold a stability window"
              : "only the last environment (production) holds a stability window");
        }
      }
    }
  }

  /**
   * {@code role} is {@code production} or absent; some environment is production once roles are
   * used; and no pre-production environment follows the first wave.
   */
  private static void roles(List<Environment> environments, List<Integer> waves, ValidationProblems problems) {
    boolean anyRole = false;
    for (int i = 0; i < environments.size(); i++) {
      Environment environment = environments.get(i);
      if (environment == null || environment.role() == null) {
        continue;
      }
      anyRole = true;
      if (!environment.saysProduction()) {
        problems.add("environments[" + i + "].role", "must be production (or left out for a pre-production"
            + " environment), was '" + environment.role() + "'");
      }
    }
    if (anyRole && waves.isEmpty()) {
      problems.add("environments", "no environment says role: production; once roles are used, the production"
          + " waves are the environments that say it");
      return;
    }
    if (waves.isEmpty()) {
      return;
    }
    int first = waves.get(0);
    for (int i = first + 1; i < environments.size(); i++) {
      Environment environment = environments.get(i);
      if (environment != null && !waves.contains(i)) {
        problems.add("environments[" + i + "].role", "must be production: it comes after the first production wave"
            + " environments[" + first + "], and pre-production environments come before every wave");
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
