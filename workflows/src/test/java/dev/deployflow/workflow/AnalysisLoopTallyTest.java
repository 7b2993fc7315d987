package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.analysis.Analysis;
import dev.deployflow.analysis.AnalysisPolicy;
import dev.deployflow.analysis.AnalysisVerdict;
import dev.deployflow.analysis.MeasurementOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rollout analysis, in the release or in its child, keeps a compact tally instead of every
 * outcome ({@link AnalysisLoop.Tally}). This checks that the verdict on the tally equals
 * {@link Analysis#verdict} on the full list, measurement after measurement, for many sequences
 * under several counts and limits, and that the counts it shows add up.
 */
class AnalysisLoopTallyTest {

  @ParameterizedTest
  @CsvSource({"1,0,0,0", "3,0,1,2", "10,2,1,3", "2000,5,5,1", "5,1,0,4"})
  void theVerdictOnTheTallyEqualsTheVerdictOnEveryOutcome(int count, int failureLimit, int inconclusiveLimit, int errorLimit) {
    AnalysisPolicy policy = new AnalysisPolicy("error-rate", 0.01, null, null, null, count,
        Duration.ofMinutes(1), failureLimit, inconclusiveLimit, errorLimit);
    Random random = new Random(17L * (count + 3 * failureLimit + 7 * inconclusiveLimit + 31 * errorLimit));
    MeasurementOutcome[] kinds = MeasurementOutcome.values();
    Set<AnalysisVerdict> reached = EnumSet.noneOf(AnalysisVerdict.class);
    for (int sequence = 0; sequence < 500; sequence++) {
      List<MeasurementOutcome> all = new ArrayList<>();
      AnalysisLoop.Tally tally = new AnalysisLoop.Tally();
      // Errors come in runs more often than not: every other sequence is error-heavy.
      int other = sequence % 2 == 0 ? 4 : 2;
      for (int n = 0; n < 300; n++) {
        MeasurementOutcome outcome = random.nextInt(other) == 0 ? kinds[random.nextInt(kinds.length)] : MeasurementOutcome.SUCCESSFUL;
        all.add(outcome);
        tally.add(outcome);
        AnalysisVerdict full = Analysis.verdict(policy, all);
        assertThat(tally.verdict(policy)).as("after %s", all).isEqualTo(full);
        assertThat(tally.taken()).isEqualTo(all.size());
        if (full.done()) {
          reached.add(full);
          break;
        }
      }
    }
    assertThat(reached).as("verdicts reached").contains(AnalysisVerdict.FAILED);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SUCCESSFUL,SUCCESSFUL,SUCCESSFUL | 3 successful",
      "ERROR,FAILED,INCONCLUSIVE,SUCCESSFUL,ERROR | 1 successful, 1 failed, 1 inconclusive, 2 error",
      "INCONCLUSIVE,INCONCLUSIVE | 2 inconclusive"})
  void theCountsReadAsTheReasonShowsThem(String outcomes, String counts) {
    AnalysisLoop.Tally tally = new AnalysisLoop.Tally();
    for (String outcome : outcomes.split(",")) {
      tally.add(MeasurementOutcome.valueOf(outcome));
    }
    assertThat(tally.counts()).isEqualTo(counts);
  }
}
