package dev.deployflow.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.pipeline.AnalysisTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verdict function, table-driven. Outcomes are written one letter each, oldest first:
 * S successful, F failed, I inconclusive, E error.
 */
class AnalysisTest {

  private static List<MeasurementOutcome> outcomes(String letters) {
    List<MeasurementOutcome> list = new ArrayList<>();
    for (char c : (letters == null ? "" : letters).toCharArray()) {
      list.add(switch (c) {
        case 'S' -> MeasurementOutcome.SUCCESSFUL;
        case 'F' -> MeasurementOutcome.FAILED;
        case 'I' -> MeasurementOutcome.INCONCLUSIVE;
        case 'E' -> MeasurementOutcome.ERROR;
        default -> throw new IllegalArgumentException("unknown outcome letter " + c);
      });
    }
    return list;
  }

  private static AnalysisPolicy policy(int count, int failureLimit, int inconclusiveLimit, int errorLimit) {
    return new AnalysisPolicy("m", 1.0, null, null, null, count, Duration.ofMinutes(1),
        failureLimit, inconclusiveLimit, errorLimit);
  }

  @ParameterizedTest(name = "count={0} failures<={1} inconclusive<={2} errors<={3}: [{4}] -> {5}")
  @CsvSource({
      // count
      "1, 0, 0, 4, '', RUNNING",
      "1, 0, 0, 4, S, SUCCESSFUL",
      "3, 0, 0, 4, SS, RUNNING",
      "3, 0, 0, 4, SSS, SUCCESSFUL",
      "3, 0, 0, 4, SSSS, SUCCESSFUL",
      // failure limit: decided at once, before count is reached
      "3, 0, 0, 4, F, FAILED",
      "1, 0, 0, 4, F, FAILED",
      "3, 1, 0, 4, F, RUNNING",
      "3, 1, 0, 4, FSS, SUCCESSFUL",
      "3, 1, 0, 4, SFF, FAILED",
      // inconclusive limit: no data is never a pass
      "3, 0, 0, 4, I, INCONCLUSIVE",
      "3, 0, 1, 4, ISS, SUCCESSFUL",
      "3, 0, 1, 4, SII, INCONCLUSIVE",
      // consecutive error limit, and its reset by a measurement that is not an error
      "3, 0, 0, 4, EEEE, RUNNING",
      "3, 0, 0, 4, EEEEE, ERROR",
      "3, 0, 0, 0, E, ERROR",
      "3, 0, 0, 2, EESEE, RUNNING",
      "3, 0, 0, 2, EESEEE, ERROR",
      "3, 0, 0, 2, EEFEE, FAILED",
      "3, 0, 1, 2, EEIEE, RUNNING",
      "2, 0, 0, 4, EEESS, SUCCESSFUL",
      // errors do not count towards count
      "2, 0, 0, 4, EEES, RUNNING",
      "1, 0, 0, 4, EEES, SUCCESSFUL",
      "3, 0, 0, 4, SSE, RUNNING",
      // precedence: failure, then error, then inconclusive, then success
      "3, 0, 0, 0, FE, FAILED",
      "3, 0, 0, 0, FIE, FAILED",
      "3, 0, 0, 0, IE, ERROR",
      "2, 0, 0, 4, FI, FAILED",
      "1, 0, 0, 4, I, INCONCLUSIVE",
  })
  void decidesTheVerdict(int count, int failureLimit, int inconclusiveLimit, int errorLimit, String letters,
      AnalysisVerdict expected) {
    assertThat(Analysis.verdict(policy(count, failureLimit, inconclusiveLimit, errorLimit), outcomes(letters)))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "defaults: [{0}] -> {1}")
  @CsvSource({"'', RUNNING", "S, SUCCESSFUL", "F, FAILED", "I, INCONCLUSIVE", "EEEE, RUNNING", "EEEES, SUCCESSFUL",
      "EEEEE, ERROR"})
  void theDefaultsTakeOneMeasurementAndTolerateOnlyFourErrorsInARow(String letters, AnalysisVerdict expected) {
    AnalysisTemplate onlyMax = new AnalysisTemplate(
        new AnalysisTemplate.PrometheusSource("http://p:9090", "q"), null, 1.0, null, null, null, null, null, null, null);

    assertThat(Analysis.verdict(AnalysisPolicy.from("m", onlyMax, null), outcomes(letters))).isEqualTo(expected);
  }

  @Test
  void evaluatesMeasurementsAgainstABaseline() {
    AnalysisPolicy policy = new AnalysisPolicy("error-rate", 0.05, null, 0.5, 0.01, 3, Duration.ofMinutes(1), 0, 1, 4);

    assertThat(Analysis.evaluate(policy, List.of(
        Measurement.value("error-rate", 0.012, "t1"),
        Measurement.noData("error-rate", "empty", "t2"),
        Measurement.error("error-rate", "503", "t3"),
        Measurement.value("error-rate", 0.015, "t4")))).isEqualTo(AnalysisVerdict.SUCCESSFUL);
    assertThat(Analysis.evaluate(policy, List.of(
        Measurement.value("error-rate", 0.012, "t1"),
        Measurement.value("error-rate", 0.016, "t2")))).isEqualTo(AnalysisVerdict.FAILED);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "'', SUCCESSFUL",
      "SUCCESSFUL, SUCCESSFUL",
      "SUCCESSFUL SUCCESSFUL, SUCCESSFUL",
      "SUCCESSFUL RUNNING, RUNNING",
      "RUNNING INCONCLUSIVE SUCCESSFUL, INCONCLUSIVE",
      "INCONCLUSIVE ERROR, ERROR",
      "ERROR FAILED INCONCLUSIVE, FAILED",
      "SUCCESSFUL FAILED, FAILED",
  })
  void combinesMetricsWorstFirst(String verdicts, AnalysisVerdict expected) {
    List<AnalysisVerdict> list = verdicts.isBlank()
        ? List.of()
        : java.util.Arrays.stream(verdicts.split(" ")).map(AnalysisVerdict::valueOf).toList();

    assertThat(Analysis.combine(list)).isEqualTo(expected);
  }

  @Test
  void combiningAnyTwoVerdictsGivesTheWorseInEitherOrder() {
    List<AnalysisVerdict> bestToWorst = List.of(AnalysisVerdict.SUCCESSFUL, AnalysisVerdict.RUNNING,
        AnalysisVerdict.INCONCLUSIVE, AnalysisVerdict.ERROR, AnalysisVerdict.FAILED);
    assertThat(bestToWorst).containsExactlyInAnyOrder(AnalysisVerdict.values());
    for (int i = 0; i < bestToWorst.size(); i++) {
      for (int j = 0; j < bestToWorst.size(); j++) {
        AnalysisVerdict worse = bestToWorst.get(Math.max(i, j));
        assertThat(Analysis.combine(List.of(bestToWorst.get(i), bestToWorst.get(j)))).isEqualTo(worse);
        assertThat(Analysis.combine(List.of(bestToWorst.get(j), bestToWorst.get(i)))).isEqualTo(worse);
      }
    }
  }

  @Test
  void onlyRunningIsNotDone() {
    for (AnalysisVerdict verdict : AnalysisVerdict.values()) {
      assertThat(verdict.done()).isEqualTo(verdict != AnalysisVerdict.RUNNING);
    }
  }
}
