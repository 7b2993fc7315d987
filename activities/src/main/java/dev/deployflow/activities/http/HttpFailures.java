package dev.deployflow.activities.http;

import dev.deployflow.activity.FailureTypes;
import dev.deployflow.activities.secrets.SecretMasker;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one place that decides whether an HTTP problem is worth a retry, for deploy hooks, version
 * probes, smoke tests and any other HTTP activity:
 *
 * <ul>
 *   <li>5xx, 429 and I/O errors (refused connection, timeout) are retryable, with type
 *       {@value #UNAVAILABLE}; a 429's {@code Retry-After} (seconds or an HTTP date) becomes the
 *       failure's next retry delay, so Temporal waits as long as the server asked.
 *   <li>Any other non-2xx status is not retryable, with the caller's type, because the same
 *       request will be refused again.
 *   <li>A redirect that may not be followed (see {@link HttpExchange}) is not retryable, with type
 *       {@code RedirectRefused}.
 * </ul>
 *
 * Messages never contain header values (they may carry tokens) and are masked with the call's
 * {@link SecretMasker}.
 */
public final class HttpFailures {
  /** Failure type of a retryable HTTP problem: 5xx, 429 or an I/O error. */
  public static final String UNAVAILABLE = FailureTypes.HTTP_UNAVAILABLE;
  /** How much of a body a failure message quotes. */
  public static final int BODY_EXCERPT = 200;

  private HttpFailures() {}

  /** Whether a status means "try again later": any 5xx, and 429. */
  public static boolean isRetryable(int status) {
    return status == 429 || (status >= 500 && status <= 599);
  }

  /**
   * The failure for a non-2xx answer: retryable for 5xx and 429, else non-retryable with type
   * {@code refusedType}.
   *
   * @param what the request, such as {@code deploy hook POST https://host/path}
   */
  public static ApplicationFailure forStatus(String what, HttpAnswer answer, String refusedType, SecretMasker masker) {
    String message =
        masker.mask(what + " answered HTTP " + answer.status() + " (body: " + answer.bodyExcerpt(BODY_EXCERPT) + ")");
    return isRetryable(answer.status())
        ? retryable(message, answer)
        : ApplicationFailure.newNonRetryableFailure(message, refusedType);
  }

  /**
   * A retryable failure with the caller's message, carrying the answer's {@code Retry-After} as
   * the next retry delay when it has one. For callers that word their own message, such as a
   * smoke test whose expectation met a 503.
   */
  public static ApplicationFailure retryable(String maskedMessage, HttpAnswer answer) {
    ApplicationFailure.Builder failure =
        ApplicationFailure.newBuilder().setMessage(maskedMessage).setType(UNAVAILABLE).setNonRetryable(false);
    retryAfter(answer.retryAfter(), Instant.now()).ifPresent(failure::setNextRetryDelay);
    return failure.build();
  }

  /** The retryable failure for a request that got no answer. */
  public static ApplicationFailure ioError(String what, IOException error, SecretMasker masker) {
    String reason = error.getMessage() == null ? "" : ": " + error.getMessage();
    return ApplicationFailure.newFailure(
        masker.mask(what + " failed: " + error.getClass().getSimpleName() + reason), UNAVAILABLE);
  }

  /**
   * The non-retryable failure for a redirect that may not be followed, type
   * {@value FailureTypes#REDIRECT_REFUSED}: it names the target's host, never its URL.
   */
  public static ApplicationFailure redirectRefused(String what, RedirectRefusedException refused, SecretMasker masker) {
    return ApplicationFailure.newNonRetryableFailure(
        masker.mask(what + " was " + refused.getMessage()), FailureTypes.REDIRECT_REFUSED);
  }

  /**
   * Reads a {@code Retry-After} header: a number of seconds or an HTTP date. Empty when there is
   * none or it cannot be read; a date in the past means no wait.
   */
  public static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException absurdlyLarge) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }
}
