package dev.deployflow.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.pipeline.AnalysisTemplate;
import dev.deployflow.pipeline.AnalysisTemplate.PrometheusSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a template becomes a policy (defaults included) and how one measurement is judged. */
class AnalysisPolicyTest {
  private static final PrometheusSource SOURCE = new PrometheusSource("http://prometheus:9090", "up");

  @Test
  void appliesTheDefaultsForEverythingTheTemplateLeavesOut() {
    AnalysisTemplate template = new AnalysisTemplate(SOURCE, null, 0.5, null, null, null, null, null, null, null);

    AnalysisPolicy policy = AnalysisPolicy.from("latency", template, null);

    assertThat(policy).isEqualTo(new AnalysisPolicy(
        "latency", 0.5, null, null, null, 1, Duration.ofMinutes(1), 0, 0, 4));
    assertThat(policy.needsBaseline()).isFalse();
  }

  @Test
  void takesEveryValueTheTemplateGives() {
    AnalysisTemplate template = new AnalysisTemplate(SOURCE, null, 0.01, 0.001, "50%", "5m", 3, 1, 2, 6);

    AnalysisPolicy policy = AnalysisPolicy.from("error-rate", template, 0.004);

    assertThat(policy).isEqualTo(new AnalysisPolicy(
        "error-rate", 0.01, 0.001, 0.5, 0.004, 3, Duration.ofMinutes(5), 1, 2, 6));
    assertThat(policy.needsBaseline()).isTrue();
    assertThat(policy.withBaseline(0.2).baseline()).isEqualTo(0.2);
  }

  @Test
  void survivesTemporalsDataConverterUnchanged() {
    AnalysisPolicy policy = new AnalysisPolicy(
        "error-rate", 0.01, null, 0.5, 0.004, 3, Duration.ofSeconds(90), 1, 2, 6);
    var converter = io.temporal.common.converter.DefaultDataConverter.newDefaultInstance();

    var payload = converter.toPayload(policy).orElseThrow();

    assertThat(converter.fromPayload(payload, AnalysisPolicy.class, AnalysisPolicy.class)).isEqualTo(policy);
  }

  @Test
  void refusesAMissingTemplateAndNumbersTheVerdictCannotUse() {
    assertThatThrownBy(() -> AnalysisPolicy.from("gone", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gone'");
    assertThatThrownBy(() -> new AnalysisPolicy("m", 1.0, null, null, null, 0, Duration.ofMinutes(1), 0, 0, 4))
        .hasMessageContaining("analysis.m.count");
    assertThatThrownBy(() -> new AnalysisPolicy("m", 1.0, null, null, null, 1, Duration.ofMinutes(1), -1, 0, 4))
        .hasMessageContaining("limits must not be negative");
    assertThatThrownBy(() -> new AnalysisPolicy("m", 1.0, null, null, null, 1, Duration.ZERO, 0, 0, 4))
        .hasMessageContaining("interval");
  }

  /** Columns: max, min, maxIncrease, baseline, kind, value, expected outcome. Empty is null. */
  @ParameterizedTest(name = "max={0} min={1} increase={2} baseline={3}: {4} {5} -> {6}")
  @CsvSource({
      // absolute bounds; equal to a bound is within it
      "0.01, , , , VALUE, 0.02, FAILED",
      "0.01, , , , VALUE, 0.01, SUCCESSFUL",
      "0.01, , , , VALUE, 0.005, SUCCESSFUL",
      "0.01, , , , VALUE, Infinity, FAILED",
      ", 0.9, , , VALUE, 0.8, FAILED",
      ", 0.9, , , VALUE, 0.9, SUCCESSFUL",
      "1.0, 0.5, , , VALUE, 0.75, SUCCESSFUL",
      // increase over a baseline: 2.0 * 1.5 = 3.0 is the limit
      ", , 0.5, 2.0, VALUE, 3.0, SUCCESSFUL",
      ", , 0.5, 2.0, VALUE, 3.01, FAILED",
      "2.5, , 0.5, 2.0, VALUE, 2.9, FAILED",
      // no usable baseline: the increase rule is skipped, absolute bounds still hold
      ", , 0.5, 0.0, VALUE, 1000, SUCCESSFUL",
      ", , 0.5, , VALUE, 1000, SUCCESSFUL",
      ", , 0.5, -1.0, VALUE, 1000, SUCCESSFUL",
      "0.01, , 0.5, 0.0, VALUE, 0.02, FAILED",
      // no number to judge
      "0.01, , , , NO_DATA, , INCONCLUSIVE",
      "0.01, , , , VALUE, , INCONCLUSIVE",
      "0.01, , , , VALUE, NaN, INCONCLUSIVE",
      "0.01, , , , ERROR, , ERROR",
  })
  void classifiesOneMeasurement(
      Double max, Double min, Double maxIncrease, Double baseline, Measurement.Kind kind, Double value,
      MeasurementOutcome expected) {
    AnalysisPolicy policy =
        new AnalysisPolicy("m", max, min, maxIncrease, baseline, 1, Duration.ofMinutes(1), 0, 0, 4);

    assertThat(policy.classify(new Measurement("m", kind, value, null, "2026-12-07T09:00:00Z"))).isEqualTo(expected);
  }

  @Test
  void explainsItsJudgementInWords() {
    AnalysisPolicy policy =
        new AnalysisPolicy("error-rate", 0.01, null, 0.5, 0.004, 1, Duration.ofMinutes(1), 0, 0, 4);

    assertThat(policy.explain(Measurement.value("error-rate", 0.02, "t"))).isEqualTo("0.02 is above max 0.01");
    assertThat(policy.explain(Measurement.value("error-rate", 0.0065, "t")))
        .isEqualTo("0.0065 is more than 50% above the baseline 0.004");
    assertThat(policy.explain(Measurement.value("error-rate", 0.005, "t"))).isEqualTo("0.005 is within bounds");
    assertThat(policy.explain(Measurement.noData("error-rate", "empty result", "t"))).isEqualTo("no data: empty result");
    assertThat(policy.explain(Measurement.error("error-rate", "HTTP 503", "t")))
        .isEqualTo("the source could not be read: HTTP 503");
  }
}
