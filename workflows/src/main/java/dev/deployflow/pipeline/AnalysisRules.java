package dev.deployflow.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * The rules for the {@code analysis} templates: one metric source, at least one bound, and counts
 * and limits that the verdict function can use.
 */
final class AnalysisRules {
  private AnalysisRules() {}

  static void check(Map<String, AnalysisTemplate> templates, ValidationProblems problems) {
    if (templates == null) {
      return;
    }
    // Sorted, so that the problems come in the same order whatever map the pipeline arrived in.
    for (Map.Entry<String, AnalysisTemplate> entry : new TreeMap<>(templates).entrySet()) {
      String path = "analysis." + entry.getKey();
      if (entry.getKey().isBlank() || entry.getKey().chars().anyMatch(Character::isWhitespace)) {
        problems.add(path, "an analysis name must not be blank or contain spaces");
      }
      AnalysisTemplate template = entry.getValue();
      if (template == null) {
        problems.add(path, "must not be empty");
        continue;
      }
      source(path, template, problems);
      bounds(path, template, problems);
      problems.optionalDuration(path + ".interval", template.interval(), true);
      atLeast(path + ".count", template.count(), 1, problems);
      atLeast(path + ".failureLimit", template.failureLimit(), 0, problems);
      atLeast(path + ".inconclusiveLimit", template.inconclusiveLimit(), 0, problems);
      atLeast(path + ".consecutiveErrorLimit", template.consecutiveErrorLimit(), 0, problems);
    }
  }

  private static void source(String path, AnalysisTemplate template, ValidationProblems problems) {
    AnalysisTemplate.PrometheusSource prometheus = template.prometheus();
    AnalysisTemplate.HttpJsonSource http = template.http();
    if ((prometheus == null) == (http == null)) {
      problems.add(path, "give exactly one source, prometheus or http");
    }
    if (prometheus != null) {
      if (problems.requireText(path + ".prometheus.url", prometheus.url())) {
        problems.url(path + ".prometheus.url", prometheus.url());
      }
      if (problems.requireText(path + ".prometheus.query", prometheus.query())) {
        problems.placeholders(path + ".prometheus.query", prometheus.query());
      }
    }
    if (http != null) {
      if (problems.requireText(path + ".http.url", http.url())) {
        problems.url(path + ".http.url", http.url());
      }
      problems.jsonPointer(path + ".http.jsonPointer", http.jsonPointer());
      problems.headers(path + ".http.headers", http.headers());
    }
  }

  private static void bounds(String path, AnalysisTemplate template, ValidationProblems problems) {
    if (template.max() == null && template.min() == null && template.maxIncrease() == null) {
      problems.add(path, "give at least one of max, min or maxIncrease; without a bound every measurement passes");
    }
    if (template.max() != null && template.max().isNaN()) {
      problems.add(path + ".max", "must be a number");
    }
    if (template.min() != null && template.min().isNaN()) {
      problems.add(path + ".min", "must be a number");
    }
    if (template.max() != null && template.min() != null && template.min() > template.max()) {
      problems.add(path + ".min", "must not be greater than max (" + template.max() + "), or every measurement fails");
    }
    if (template.maxIncrease() != null) {
      try {
        Percentages.parse(template.maxIncrease());
      } catch (IllegalArgumentException e) {
        problems.add(path + ".maxIncrease", e.getMessage());
      }
    }
  }

  private static void atLeast(String path, Integer value, int minimum, ValidationProblems problems) {
    if (value != null && value < minimum) {
      problems.add(path, "must be at least " + minimum + ", was " + value);
    }
  }
}
