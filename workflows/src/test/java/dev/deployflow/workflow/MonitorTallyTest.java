package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.analysis.Analysis;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.analysis.MeasurementOutcome;
import dev.deployflow.workflow.StabilityMonitorWorkflow.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stability monitor carries a compact tally across continue-as-new instead of every outcome.
 * This checks that the verdict on the tally equals the verdict on the full list, check after check,
 * for many sequences under several limits.
 */
class MonitorTallyTest {

  @ParameterizedTest
  @CsvSource({"0,0,0", "2,1,3", "5,5,1", "1,0,4"})
  void theVerdictOnTheTallyEqualsTheVerdictOnEveryOutcome(int failureLimit, int inconclusiveLimit, int errorLimit) {
    AnalysisPolicy policy = new AnalysisPolicy("error-rate", 0.01, null, null, null, Integer.MAX_VALUE,
        Duration.ofMinutes(1), failureLimit, inconclusiveLimit, errorLimit);
    Random random = new Random(42L * (failureLimit + 7 * inconclusiveLimit + 31 * errorLimit + 1));
    MeasurementOutcome[] kinds = MeasurementOutcome.values();
    int decided = 0;
    for (int sequence = 0; sequence < 500; sequence++) {
      List<MeasurementOutcome> all = new ArrayList<>();
      Tally tally = new Tally("error-rate", 0, 0, 0, 0);
      for (int check = 0; check < 200; check++) {
        // Mostly successes, as in a real window, with the other outcomes mixed in.
        MeasurementOutcome outcome = random.nextInt(4) == 0 ? kinds[random.nextInt(kinds.length)] : MeasurementOutcome.SUCCESSFUL;
        all.add(outcome);
        tally = StabilityChecks.add(tally, outcome);
        AnalysisVerdict full = Analysis.verdict(policy, all);
        assertThat(Analysis.verdict(policy, StabilityChecks.expand(tally))).as("after %s", all).isEqualTo(full);
        if (full.done()) {
          decided++;
          break;
        }
      }
    }
    assertThat(decided).as("sequences that reached a verdict").isPositive();
  }
}
