package dev.deployflow.analysis;

import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.Durations;
import dev.deployflow.pipeline.Percentages;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * How one metric is judged during one analysis run: its bounds, the baseline measured before the
 * deploy (null when none was taken), how many measurements to take and how often, and how many
 * failed, inconclusive and consecutive error measurements to tolerate. Built from a pipeline's
 * {@link AnalysisTemplate} by {@link #from}; {@link #classify} judges one measurement and
 * {@link Analysis#verdict} judges them all.
 *
 * @param maxIncrease the tolerated increase over the baseline as a fraction: 0.5 for {@code 50%}
 */
public record AnalysisPolicy(
    String metric,
    Double max,
    Double min,
    Double maxIncrease,
    Double baseline,
    int count,
    Duration interval,
    int failureLimit,
    int inconclusiveLimit,
    int consecutiveErrorLimit) {

  /** Measurements to take when the template does not say. */
  public static final int DEFAULT_COUNT = 1;
  /** Time between measurements when the template does not say. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  /** Failed measurements tolerated when the template does not say: none. */
  public static final int DEFAULT_FAILURE_LIMIT = 0;
  /** Inconclusive measurements tolerated when the template does not say: none. */
  public static final int DEFAULT_INCONCLUSIVE_LIMIT = 0;
  /** Errors in a row tolerated when the template does not say, as in Argo Rollouts. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  /** The zeros (and a bare point) that {@code %.6g} leaves at the end of a number or its mantissa. */
  private static final Pattern TRAILING_ZEROS = Pattern.compile("\\.?0+(e|$)");

  /** Refuses numbers the verdict function cannot use, so a bad policy fails where it is made. */
  public AnalysisPolicy {
    if (count < 1) {
      throw new IllegalArgumentException("analysis." + metric + ".count: must be at least 1, was " + count);
    }
    if (failureLimit < 0 || inconclusiveLimit < 0 || consecutiveErrorLimit < 0) {
      throw new IllegalArgumentException("analysis." + metric + ": limits must not be negative");
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("analysis." + metric + ".interval: must be longer than 0");
    }
  }

  /**
   * The policy of a pipeline's template, with the defaults for everything it leaves out: count 1,
   * interval 1m, failureLimit 0, inconclusiveLimit 0, consecutiveErrorLimit 4.
   *
   * @param baseline the metric's value before the deploy, or null when none was measured
   * @throws IllegalArgumentException when the template is missing or one of its values does not
   *     parse (a validated pipeline never does this)
   */
  public static AnalysisPolicy from(String metric, AnalysisTemplate template, Double baseline) {
    if (template == null) {
      throw new IllegalArgumentException("no analysis named '" + metric + "' in the pipeline");
    }
    return new AnalysisPolicy(
        metric,
        template.max(),
        template.min(),
        template.maxIncrease() == null ? null : Percentages.parse(template.maxIncrease()),
        baseline,
        template.count() == null ? DEFAULT_COUNT : template.count(),
        Durations.parseOr(template.interval(), DEFAULT_INTERVAL),
        template.failureLimit() == null ? DEFAULT_FAILURE_LIMIT : template.failureLimit(),
        template.inconclusiveLimit() == null ? DEFAULT_INCONCLUSIVE_LIMIT : template.inconclusiveLimit(),
        template.consecutiveErrorLimit() == null
            ? DEFAULT_CONSECUTIVE_ERROR_LIMIT
            : template.consecutiveErrorLimit());
  }

  /** Whether a baseline must be measured before the deploy: the template sets {@code maxIncrease}. */
  public boolean needsBaseline() {
    return maxIncrease != null;
  }

  /** The same policy with the baseline measured before the deploy. */
  public AnalysisPolicy withBaseline(Double measured) {
    return new AnalysisPolicy(metric, max, min, maxIncrease, measured, count, interval,
        failureLimit, inconclusiveLimit, consecutiveErrorLimit);
  }

  /**
   * Judges one measurement: ERROR when the source could not be read; INCONCLUSIVE when it had no
   * data or gave no number; FAILED when the value is above {@code max}, below {@code min}, or more
   * than {@code maxIncrease} above a positive baseline; SUCCESSFUL otherwise.
   *
   * <p>The baseline rule is skipped when the baseline is missing, zero or negative. A relative
   * increase over zero is not defined: a service with no errors before the deploy would fail on
   * its first single error, however small. Absolute bounds ({@code max}) guard that case; and a
   * missing baseline (its measurement had no data or failed) must not turn every measurement into
   * a failure.
   */
  public MeasurementOutcome classify(Measurement m) {
    return judge(m).outcome();
  }

  /** Why {@link #classify} decided what it did, in words a person reads in the release status. */
  public String explain(Measurement m) {
    return judge(m).reason().get();
  }

  private Judgement judge(Measurement m) {
    if (m == null || m.kind() == null || m.kind() == Measurement.Kind.ERROR) {
      String detail = m == null || m.detail() == null ? "" : ": " + m.detail();
      return new Judgement(MeasurementOutcome.ERROR, () -> "the source could not be read" + detail);
    }
    if (m.kind() == Measurement.Kind.NO_DATA || m.value() == null || m.value().isNaN()) {
      String detail = m.detail() == null ? "" : ": " + m.detail();
      return new Judgement(MeasurementOutcome.INCONCLUSIVE, () -> "no data" + detail);
    }
    double value = m.value();
    if (max != null && value > max) {
      return new Judgement(MeasurementOutcome.FAILED, () -> number(value) + " is above max " + number(max));
    }
    if (min != null && value < min) {
      return new Judgement(MeasurementOutcome.FAILED, () -> number(value) + " is below min " + number(min));
    }
    if (maxIncrease != null && baseline != null && baseline > 0) {
      double limit = baseline * (1 + maxIncrease);
      if (value > limit) {
        return new Judgement(MeasurementOutcome.FAILED, () -> number(value) + " is more than "
            + number(maxIncrease * 100) + "% above the baseline " + number(baseline));
      }
    }
    return new Judgement(MeasurementOutcome.SUCCESSFUL, () -> number(value) + " is within bounds");
  }

  private static String number(double value) {
    return TRAILING_ZEROS.matcher(String.format(Locale.ROOT, "%.6g", value)).replaceFirst("$1");
  }

  /**
   * An outcome and, built only when asked for, its reason: every measurement of a long analysis is
   * classified, few are explained, and formatting the numbers was the costliest part of judging
   * one (the benchmark's profile, bench/results/profile.md).
   */
  private record Judgement(MeasurementOutcome outcome, Supplier<String> reason) {}
}
