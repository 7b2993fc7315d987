package dev.deployflow.client;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;

/** Finds the person-readable reason inside a Temporal client exception chain. */
final class Failures {
  private Failures() {}

  /**
   * The original message of the outermost Temporal failure that says something (for an update
   * refused by its validator: the validator's text), without the SDK's decorations. Activity and
   * child workflow failures only wrap the real reason, so the search goes past them.
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TemporalFailure failure
          && !(t instanceof ActivityFailure)
          && !(t instanceof ChildWorkflowFailure)) {
        String original = failure.getOriginalMessage();
        if (original != null && !original.isBlank()) {
          return original;
        }
      }
    }
    return e.getMessage();
  }
}
