package dev.deployflow.analysis;

/**
 * The verdict on one metric's measurements so far (see {@link Analysis#verdict}), or on several
 * metrics at once (see {@link Analysis#combine}).
 */
public enum AnalysisVerdict {
  /** More measurements are needed. */
  RUNNING,
  /** Enough measurements were taken and all limits held. */
  SUCCESSFUL,
  /** More measurements failed than the failure limit allows: roll back. */
  FAILED,
  /** More measurements were inconclusive than allowed: a person decides. */
  INCONCLUSIVE,
  /** The source could not be read too many times in a row: a person decides. */
  ERROR;

  /** The verdict as the status shows it: {@code passed} for {@link #SUCCESSFUL}, else the same word. */
  public dev.deployflow.model.AnalysisState shown() {
    return this == SUCCESSFUL ? dev.deployflow.model.AnalysisState.PASSED : dev.deployflow.model.AnalysisState.valueOf(name());
  }

  /** Whether the analysis is over, that is, anything but {@link #RUNNING}. */
  public boolean done() {
    return this != RUNNING;
  }

  /**
   * How bad this verdict is when several metrics are combined: FAILED is worst, then ERROR,
   * INCONCLUSIVE, RUNNING, and SUCCESSFUL is best.
   */
  int severity() {
    return switch (this) {
      case SUCCESSFUL -> 0;
      case RUNNING -> 1;
      case INCONCLUSIVE -> 2;
      case ERROR -> 3;
      case FAILED -> 4;
    };
  }
}
