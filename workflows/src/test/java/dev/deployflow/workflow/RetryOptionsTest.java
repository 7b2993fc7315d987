package dev.deployflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activity.FailureTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workflow's side of the failure-type contract: its retry options stop at exactly the types
 * {@link FailureTypes} declares non-retryable, and never at a retryable one. The activities' side
 * ({@code FailureTypesUsageTest} in the activities module) checks that every type they throw is
 * declared there, with the same retryability.
 */
class RetryOptionsTest {

  @Test
  void theStandardRetryOptionsStopAtEveryNonRetryableTypeAndNoOther() {
    assertThat(List.of(Activities.STANDARD.getDoNotRetry()))
        .containsExactlyInAnyOrderElementsOf(FailureTypes.NON_RETRYABLE)
        .doesNotContainAnyElementsOf(FailureTypes.RETRYABLE);
  }

  @Test
  void compensationsStopOnlyAtWhatCannotRunAtAll() {
    assertThat(List.of(Activities.COMPENSATION.getDoNotRetry()))
        .isSubsetOf(FailureTypes.NON_RETRYABLE)
        .containsExactlyInAnyOrder(FailureTypes.COMMAND_NOT_RUNNABLE, FailureTypes.DEPLOY_NOT_RUNNABLE, FailureTypes.DEPLOY_REFUSED,
            FailureTypes.REDIRECT_REFUSED)
        .doesNotContainAnyElementsOf(FailureTypes.RETRYABLE);
  }

  @Test
  void noTypeIsBothRetryableAndNot() {
    assertThat(FailureTypes.NON_RETRYABLE).doesNotContainAnyElementsOf(FailureTypes.RETRYABLE).doesNotHaveDuplicates();
    assertThat(FailureTypes.RETRYABLE).doesNotHaveDuplicates();
  }
}
