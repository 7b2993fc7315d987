package dev.deployflow.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java test server has no visibility store: history and DORA say so instead of listing nothing. */
class HistoryWithoutVisibilityTest {
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void historyAndDoraNameTheMissingVisibilityStore() {
    ReleaseClient releases = new ReleaseClient(env.getWorkflowClient(), "deployments");
    assertThatThrownBy(() -> releases.history("shop", 10, null))
        .isInstanceOf(VisibilityUnavailableException.class)
        .hasMessageContaining("visibility store");
    assertThatThrownBy(() -> releases.dora("shop", Duration.ofDays(30)))
        .isInstanceOf(VisibilityUnavailableException.class);
  }

  @Test
  void anApplicationNameOutsideTheRulesIsRefusedBeforeAnyQuery() {
    ReleaseClient releases = new ReleaseClient(env.getWorkflowClient(), "deployments");
    assertThatThrownBy(() -> releases.history("shop' OR 'a'='a", 10, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("application");
  }
}
