package dev.deployflow.client;

/**
 * The base of every failure that {@link ReleaseClient} reports in release terms. Its message is
 * written for a person and never contains secrets or stack traces.
 *
 * <p>The family is closed, so that each adapter (command line, REST, chat) maps one known set:
 * what the release said ({@link MessageRefusedException}, {@link ReleaseConflictException},
 * {@link ReleaseNotFoundException}, {@link ReleaseRunFailedException},
 * {@link ReleaseWaitTimeoutException}) and what the way to Temporal said
 * ({@link TemporalUnavailableException}, {@link TemporalAccessDeniedException},
 * {@link TemporalRequestFailedException}); no adapter looks at gRPC status codes.
 */
public sealed class ReleaseClientException extends RuntimeException
    permits MessageRefusedException, ReleaseConflictException, ReleaseNotFoundException,
        ReleaseRunFailedException, ReleaseWaitTimeoutException, TemporalUnavailableException,
        TemporalAccessDeniedException, TemporalRequestFailedException, PlanRefusedException,
        VisibilityUnavailableException {
  public ReleaseClientException(String message) {
    super(message);
  }

  public ReleaseClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
