package dev.deployflow.workflow;

import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;

/** Reads Temporal failures into what a person needs: was it a cancellation, and what went wrong. */
final class Failures {
  private Failures() {}

  /** Whether the failure, or one of its causes, is a cancellation (a rollback or a cancel request). */
  static boolean isCancellation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CanceledFailure) {
        return true;
      }
    }
    return false;
  }

  /** Rethrows a cancellation so that a gate's failure handling never mistakes it for a failed check. */
  static void rethrowIfCancellation(TemporalFailure failure) {
    if (isCancellation(failure)) {
      throw failure;
    }
  }

  /** The application failure that caused this one (its type and message come from the activity), or null. */
  static ApplicationFailure application(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application;
      }
    }
    return null;
  }

  /**
   * Says that a result did not decode, without its content: the payload may hold what an
   * activity read (a response body), which must not reach the status.
   */
  static String undecodable(DataConverterException e) {
    return "could not be decoded by this worker (" + e.getClass().getSimpleName()
        + "; is an activity worker of another version answering?)";
  }

  /** The message a person reads: the activity's own message when there is one. */
  static String reason(Throwable failure) {
    ApplicationFailure application = application(failure);
    if (application != null) {
      return application.getOriginalMessage();
    }
    Throwable deepest = failure;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    return deepest instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : String.valueOf(deepest.getMessage());
  }
}
