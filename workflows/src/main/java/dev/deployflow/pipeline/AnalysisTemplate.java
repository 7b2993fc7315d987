package dev.deployflow.pipeline;

import java.util.Map;

/**
 * A named analysis, in the manner of Argo Rollouts: where the metric comes from (Prometheus or an
 * HTTP JSON document), the bounds that make a measurement fail ({@code max}, {@code min}, and
 * {@code maxIncrease} against a baseline measured before the deploy), and how many measurements
 * to take and tolerate. Missing numbers take the defaults of {@link dev.deployflow.analysis.AnalysisPolicy}.
 */
public record AnalysisTemplate(
    PrometheusSource prometheus,
    HttpJsonSource http,
    Double max,
    Double min,
    String maxIncrease,
    String interval,
    Integer count,
    Integer failureLimit,
    Integer inconclusiveLimit,
    Integer consecutiveErrorLimit) {

  /** An instant query against a Prometheus server. */
  public record PrometheusSource(String url, String query) {}

  /**
   * A number at a JSON pointer in an HTTP JSON document; redirects (same host only) are followed
   * only when it says so.
   */
  public record HttpJsonSource(String url, String jsonPointer, Map<String, String> headers, Boolean followRedirects) {

    /** A source that follows no redirect. */
    public HttpJsonSource(String url, String jsonPointer, Map<String, String> headers) {
      this(url, jsonPointer, headers, null);
    }
  }
}
