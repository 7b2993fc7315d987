package dev.deployflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.model.PlanPreview;
import dev.deployflow.model.PlanPreview.PlannedEnvironment;
import dev.deployflow.model.ReleaseKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code deployflow plan} with two production waves names each wave and whose approval it follows. */
class PlanTextWavesTest {

  private static PlanPreview plan(PlannedEnvironment... environments) {
    return new PlanPreview("shop", "1.2.0", "shop", ReleaseKind.STANDARD, "2026-12-01T22:00:00Z", List.of("api"),
        List.of(environments), List.of(), List.of(), List.of(), List.of(), List.of(), "1m", 60, "shop 1.2.0");
  }

  @Test
  void eachWaveSaysItsNumber() {
    String text = String.join("\n", PlanText.render(plan(
        new PlannedEnvironment("staging", false, List.of("health"), null, null, null),
        new PlannedEnvironment("production-us", true, List.of("health"), null, 1, null),
        new PlannedEnvironment("production-eu", true, List.of(), "6s", 2, "production-us"))));
    assertThat(text)
        .containsPattern("production-us +production wave 1 +smoke tests health")
        .containsPattern("production-eu +production wave 2 \\(follows the approval of production-us\\) +no smoke test");
  }

  @Test
  void aSingleProductionEnvironmentIsJustProduction() {
    String text = String.join("\n", PlanText.render(plan(
        new PlannedEnvironment("staging", false, List.of(), null),
        new PlannedEnvironment("production", true, List.of(), null))));
    assertThat(text).containsPattern("production +production +no smoke test").doesNotContain("wave");
  }
}
