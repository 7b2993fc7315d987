package dev.deployflow.workflow;

import dev.deployflow.activity.MetricActivities.MeasureRequest;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.analysis.Measurement;
import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Environment;
import dev.deployflow.pipeline.RolloutStep;
import dev.deployflow.plan.Wave;
import dev.deployflow.model.WaveState;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rollout of one production wave (checkpoint 3): hold for the deploy window and freezes, record
 * the versions the wave's environment runs, measure the baselines, then each step: hold again if
 * the window has closed meanwhile (the rollout stays at its weight), set the weight, pause (a
 * durable timer that {@code promote} skips), and analyse. A failed analysis rolls back; an
 * inconclusive one (or one whose source could not be read) waits for a person. Each wave runs
 * through {@link #run} in turn, with its own steps, window and baselines.
 */
final class Rollout {
  private final ReleaseContext release;
  private final Deployments deployments;
  private final AnalysisRun analysis;
  private final Gates gates;
  private Map<String, Double> baselines = Map.of();

  Rollout(ReleaseContext release, Deployments deployments, AnalysisRun analysis, Gates gates) {
    this.release = release;
    this.deployments = deployments;
    this.analysis = analysis;
    this.gates = gates;
  }

  /**
   * Rolls one wave out to 100%.
   *
   * @return why the rollout must be rolled back, or null when the wave runs the candidate at 100%
   */
  String run(Wave wave) {
    Environment production = wave.environment();
    // From here on a code rollback undoes this wave and the ones before it (CONTRACT.md), even
    // before its first deploy.
    release.state().enter(production.name());
    release.state().wave(production.name(), WaveState.ROLLING_OUT);
    String closed = waitForDeployWindow(production,
        release.plan().waves().size() > 1 ? "the rollout to " + production.name() : "the production rollout");
    if (closed != null) {
      return closed;
    }
    deployments.recordPreviousVersions(production);
    baselines = measureBaselines(wave);
    List<RolloutStep> steps = wave.rollout();
    int weight = 0;
    for (int i = 0; i < steps.size(); i++) {
      release.operator().holdIfPaused();
      if (release.operator().promoteFull()) {
        release.state().event("remaining rollout steps" + (release.plan().waves().size() > 1 ? " of " + production.name() : "")
            + " skipped (promoted fully by " + release.operator().promotedBy() + ")");
        break;
      }
      RolloutStep step = steps.get(i);
      String label = label(step.weight(), i, steps.size(), wave);
      // Every deploy to production is preceded by the check, the first included: a pause (or a
      // slow baseline) since the check before the baselines may have outlasted the window, and a
      // window that closes during a pause or an analysis holds the rollout at its current weight.
      closed = waitForDeployWindow(production, label);
      if (closed != null) {
        return closed;
      }
      weight = step.weight();
      closed = deploy(production, weight);
      if (closed != null) {
        return closed;
      }
      pause(step, label);
      if (step.analysis() != null && !step.analysis().isEmpty() && !release.operator().promoteFull()) {
        String problem = analyse(production, step, label, baselines);
        if (problem != null) {
          return problem;
        }
      }
    }
    if (weight < 100) {
      release.operator().takePromotion();
      // Also when a full promotion skipped every step: the jump to 100% is a deploy like any other.
      release.operator().holdIfPaused();
      closed = waitForDeployWindow(production, production.name() + " at 100%");
      if (closed != null) {
        return closed;
      }
      closed = deploy(production, 100);
      if (closed != null) {
        return closed;
      }
    }
    release.state().event(production.name() + " runs " + release.version() + " at 100%");
    return null;
  }

  /** Deploys the wave at the weight; returns why it never opens when a deploy that waited found it closed. */
  private String deploy(Environment production, int weight) {
    try {
      deployments.deployAll(production, weight);
      return null;
    } catch (Deployments.NeverOpens closed) {
      return closed.getMessage();
    }
  }

  /** The baselines measured before the wave running now was touched, for its stability window too. */
  Map<String, Double> baselines() {
    return baselines;
  }

  /**
   * Holds the release until production's deploy window is open and no freeze holds.
   *
   * @param before what the release does once it may deploy, for its current step
   * @return why production never opens, or null once it is open
   */
  private String waitForDeployWindow(Environment production, String before) {
    return new DeployHold(release).await(production, before);
  }

  /** Measures, once before the wave is touched, every analysis of the wave that compares with a baseline. */
  private Map<String, Double> measureBaselines(Wave wave) {
    Map<String, Double> baselines = new LinkedHashMap<>();
    String environment = wave.name();
    for (String metric : wave.analysisNames()) {
      AnalysisTemplate template = release.pipeline().analysis().get(metric);
      if (!AnalysisPolicy.from(metric, template, null).needsBaseline()) {
        continue;
      }
      String summary = "measure baseline of " + metric + " before the " + environment + " deploy";
      release.state().running(summary);
      Measurement m;
      try {
        m = Activities.metrics(summary).measure(new MeasureRequest(metric, template,
            release.vars(environment, null, null, release.state().previousVersion())));
      } catch (ActivityFailure e) {
        Failures.rethrowIfCancellation(e);
        m = Measurement.error(metric, Failures.reason(e), release.state().now());
      }
      if (m.kind() == Measurement.Kind.VALUE && m.value() != null) {
        baselines.put(metric, m.value());
        release.state().event("baseline of " + metric + " is " + m.value());
      } else {
        release.state().event("baseline of " + metric + " could not be measured (" + m.kind().name().toLowerCase(java.util.Locale.ROOT)
            + (m.detail() == null ? "" : ": " + m.detail()) + "); maxIncrease is not checked");
      }
    }
    return baselines;
  }

  private void pause(RolloutStep step, String label) {
    if (step.pause() == null || step.pause().isBlank()) {
      return;
    }
    Duration pause = Durations.parse(step.pause());
    String until = Instant.ofEpochMilli(release.state().nowMillis() + pause.toMillis()).toString();
    release.operator().hold(Operator.Hold.ROLLOUT_PAUSE, label);
    release.state().waiting(label + " — pause " + step.pause() + " until " + until);
    boolean skipped = Waits.until(pause, "rollout pause " + step.pause() + " at " + label,
        release.operator()::promotePending);
    release.operator().release();
    if (skipped) {
      release.state().event("pause at " + label + " skipped by " + release.operator().takePromotion());
    }
  }

  private String analyse(Environment production, RolloutStep step, String label, Map<String, Double> baselines) {
    release.operator().hold(Operator.Hold.ANALYSIS, label);
    AnalysisRun.Result result = analysis.run(production.name(), label, step.analysis(), baselines);
    release.operator().release();
    switch (result.verdict()) {
      case SUCCESSFUL -> {
        release.state().event(result.skippedBy() == null ? "analysis of " + label + " passed" : result.reason());
        return null;
      }
      case FAILED -> {
        return decideAfterFailedAnalysis(production, step, label, baselines, result);
      }
      default -> {
        String why = "analysis of " + label + " was " + (result.verdict() == AnalysisVerdict.ERROR
            ? "in error (its source could not be read)" : "inconclusive") + ": " + result.reason();
        if (gates.decide(why)) {
          release.state().event("continued after " + why);
          return null;
        }
        return "nobody decided before the deadline after " + why;
      }
    }
  }

  /**
   * A failed analysis rolls back, unless production says {@code onFailure: ask}: then a person
   * retries it (a new analysis of the step, with new children), skips it (recorded) or rolls back.
   */
  private String decideAfterFailedAnalysis(Environment production, RolloutStep step, String label,
      Map<String, Double> baselines, AnalysisRun.Result failed) {
    if (!GuidedFailure.asks(production)) {
      return "analysis failed: " + failed.reason();
    }
    FailureDecision.Choice choice = deployments.guided().decide(production, "analysis of " + label, failed.reason(), true);
    if (choice == FailureDecision.Choice.SKIP) {
      return null;
    }
    if (choice == FailureDecision.Choice.RETRY) {
      return analyse(production, step, label, baselines);
    }
    return "analysis failed: " + failed.reason();
  }

  /** The step's label; with more than one wave it names the wave's environment too. */
  private String label(int weight, int index, int steps, Wave wave) {
    String label = weight >= 100 ? "step " + (index + 1) + "/" + steps + " (100%)" : "canary " + weight + "%";
    return release.plan().waves().size() > 1 ? label + " in " + wave.name() : label;
  }
}
