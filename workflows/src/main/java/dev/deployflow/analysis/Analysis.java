package dev.deployflow.analysis;

import java.util.List;

/**
 * The pure verdict function of metric analysis, in the manner of Argo Rollouts. It reads only its
 * arguments, so the workflow can call it on every measurement and replay it safely, and it is
 * table-tested without Temporal.
 */
public final class Analysis {
  private Analysis() {}

  /**
   * The verdict on one metric's outcomes so far, oldest first. The rules are checked in this order,
   * and the first that holds decides:
   *
   * <ol>
   *   <li>FAILED when more measurements failed than {@code failureLimit}. A failure is evidence
   *       against the release, so it wins over everything else and the release rolls back.
   *   <li>ERROR when the run of errors at the end of the list is longer than {@code
   *       consecutiveErrorLimit}. Only a measurement that is not an error ends a run; errors are
   *       never reset by anything else. It comes before INCONCLUSIVE because a source that cannot
   *       be read is the actionable cause a person should see, not the inconclusive readings
   *       around it.
   *   <li>INCONCLUSIVE when more measurements were inconclusive than {@code inconclusiveLimit}.
   *   <li>SUCCESSFUL when the measurements that are not errors reach {@code count}. Errors do not
   *       count towards {@code count}, as in Argo Rollouts: a metric that could not be read has
   *       not been measured.
   *   <li>RUNNING otherwise.
   * </ol>
   *
   * FAILED and INCONCLUSIVE may be decided before {@code count} is reached, so a release stops at
   * the first measurement beyond the limits.
   */
  public static AnalysisVerdict verdict(AnalysisPolicy policy, List<MeasurementOutcome> outcomes) {
    int failed = 0;
    int inconclusive = 0;
    int measured = 0;
    int errorsInARow = 0;
    for (MeasurementOutcome outcome : outcomes) {
      if (outcome == MeasurementOutcome.ERROR) {
        errorsInARow++;
        continue;
      }
      errorsInARow = 0;
      measured++;
      if (outcome == MeasurementOutcome.FAILED) {
        failed++;
      } else if (outcome == MeasurementOutcome.INCONCLUSIVE) {
        inconclusive++;
      }
    }
    if (failed > policy.failureLimit()) {
      return AnalysisVerdict.FAILED;
    }
    if (errorsInARow > policy.consecutiveErrorLimit()) {
      return AnalysisVerdict.ERROR;
    }
    if (inconclusive > policy.inconclusiveLimit()) {
      return AnalysisVerdict.INCONCLUSIVE;
    }
    if (measured >= policy.count()) {
      return AnalysisVerdict.SUCCESSFUL;
    }
    return AnalysisVerdict.RUNNING;
  }

  /** Classifies the measurements with the policy and returns {@link #verdict} on them. */
  public static AnalysisVerdict evaluate(AnalysisPolicy policy, List<Measurement> measurements) {
    return verdict(policy, measurements.stream().map(policy::classify).toList());
  }

  /**
   * The verdict of one step that analyses several metrics: the worst verdict wins, FAILED before
   * ERROR before INCONCLUSIVE before RUNNING before SUCCESSFUL. A step is therefore done only when
   * every metric is, or when one metric has already decided against it. No metrics at all is
   * SUCCESSFUL: nothing holds the step back.
   */
  public static AnalysisVerdict combine(List<AnalysisVerdict> verdicts) {
    AnalysisVerdict worst = AnalysisVerdict.SUCCESSFUL;
    for (AnalysisVerdict verdict : verdicts) {
      if (verdict.severity() > worst.severity()) {
        worst = verdict;
      }
    }
    return worst;
  }
}
