package dev.deployflow.activity;

import dev.deployflow.analysis.Measurement;
import dev.deployflow.pipeline.AnalysisTemplate;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** Reads metrics for analysis. */
@ActivityInterface
public interface MetricActivities {

  /**
   * Takes one measurement from the template's source (a Prometheus instant query, or an HTTP JSON
   * document and pointer). Returns a value, no data (an empty result), or an error with its reason
   * (the source could not be read or did not parse); it never decides a verdict and never fails,
   * so that an unreadable source counts as an error measurement and not as a failed activity.
   */
  @ActivityMethod
  Measurement measure(MeasureRequest request);

  /** The analysis name, its template and the release variables for its URL and query. */
  record MeasureRequest(String metric, AnalysisTemplate template, Map<String, String> vars) {}
}
