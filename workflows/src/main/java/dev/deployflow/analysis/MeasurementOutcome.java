package dev.deployflow.analysis;

/**
 * What one measurement says, in the manner of Argo Rollouts: within bounds, out of bounds, no data
 * to judge by, or the source could not be read at all.
 */
public enum MeasurementOutcome {
  /** The value is within every bound. */
  SUCCESSFUL,
  /** The value is out of a bound: above max, below min, or too far above the baseline. */
  FAILED,
  /** The source answered without a usable number (no data, not a number). Never a pass. */
  INCONCLUSIVE,
  /** The source could not be read. An error, not a failure: the release may be fine. */
  ERROR
}
