package dev.deployflow.activities.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activity.ConfigActivities.ConfigCheckRequest;
import dev.deployflow.activity.ConfigActivities.ConfigCheckResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigActivitiesImplTest {
  private static final Path BASE = Path.of("unused");

  private final ConfigActivitiesImpl config = new ConfigActivitiesImpl(new ActivitySettings(
      BASE, BASE, BASE, BASE,
      Map.of("DATABASE_URL", "postgres://db/shop", "PAYMENT_API_KEY", "pk_live_secret", "FEATURE_FLAGS", "  "),
      null, null, 0));

  @Test
  void reportsMissingAndBlankNamesInOrderAndOnce() {
    ConfigCheckResult result = config.checkConfig(new ConfigCheckRequest("production",
        List.of("SMTP_HOST", "DATABASE_URL", "FEATURE_FLAGS", "PAYMENT_API_KEY", "SMTP_HOST")));

    assertThat(result.environment()).isEqualTo("production");
    assertThat(result.missing()).containsExactly("SMTP_HOST", "FEATURE_FLAGS");
  }

  @Test
  void aCompleteConfigurationHasNothingMissingAndNoValuesAreReported() {
    ConfigCheckResult result =
        config.checkConfig(new ConfigCheckRequest("staging", List.of("DATABASE_URL", "PAYMENT_API_KEY")));

    assertThat(result.missing()).isEmpty();
    assertThat(result.toString()).doesNotContain("pk_live_secret").doesNotContain("postgres://");
  }

  @Test
  void noRequirementsAndBlankNamesAreFine() {
    assertThat(config.checkConfig(new ConfigCheckRequest("staging", null)).missing()).isEmpty();
    assertThat(config.checkConfig(new ConfigCheckRequest("staging", Arrays.asList("", null))).missing()).isEmpty();
  }
}
