package dev.deployflow.worker.api;

import dev.deployflow.client.MessageRefusedException;
import dev.deployflow.client.ReleaseConflictException;
import dev.deployflow.client.ReleaseNotFoundException;
import dev.deployflow.client.ReleaseRunFailedException;
import dev.deployflow.client.ReleaseWaitTimeoutException;
import dev.deployflow.client.TemporalAccessDeniedException;
import dev.deployflow.client.TemporalRequestFailedException;
import dev.deployflow.client.TemporalUnavailableException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Maps the release client's refusals to HTTP answers (RFC 9457 problem details whose
 * {@code detail} is the message a person reads): a release in flight is 409, an unknown release
 * 404, a message refused by the workflow's validator 422, an invalid request 400, and an
 * unreachable Temporal 503, Temporal refusing the worker's credentials or failing a request 502,
 * and a body naming someone other than the caller 403. A body with an unknown field or a value of
 * the wrong JSON type is 400 naming the field, in {@code detail} and in {@code field}. Every
 * failure of the release client is one of the closed family {@code ReleaseClientException}; none
 * is read from gRPC status codes.
 */
@RestControllerAdvice(assignableTypes = {ReleaseController.class, FreezeController.class})
public class ApiErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(ReleaseConflictException.class)
  ProblemDetail conflict(ReleaseConflictException e) {
    return problem(HttpStatus.CONFLICT, "Release in flight", e.getMessage());
  }

  @ExceptionHandler(ReleaseNotFoundException.class)
  ProblemDetail notFound(ReleaseNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "No release", e.getMessage());
  }

  @ExceptionHandler(MessageRefusedException.class)
  ProblemDetail refused(MessageRefusedException e) {
    ProblemDetail problem =
        problem(HttpStatus.UNPROCESSABLE_CONTENT, "Message refused", e.getMessage());
    problem.setProperty("refusedMessage", e.messageName());
    return problem;
  }

  @ExceptionHandler(dev.deployflow.client.PlanRefusedException.class)
  ProblemDetail planRefused(dev.deployflow.client.PlanRefusedException e) {
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Plan refused", e.getMessage());
  }

  /** An unknown field or a value of the wrong JSON type: 400, naming the field on its own too. */
  @ExceptionHandler(BodyFieldException.class)
  ProblemDetail unfitField(BodyFieldException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail invalid(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(e));
  }

  /** A body that is JSON but does not fit the message, found when the tree is read as one. */
  @ExceptionHandler(JacksonException.class)
  ProblemDetail unfitting(JacksonException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid request", describe(e));
  }

  @ExceptionHandler(SpeakerMismatchException.class)
  ProblemDetail notYourName(SpeakerMismatchException e) {
    ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Not your name", e.getMessage());
    problem.setProperty("field", e.field());
    return problem;
  }

  @ExceptionHandler(TemporalUnavailableException.class)
  ProblemDetail unavailable(TemporalUnavailableException e) {
    log.warn("Temporal call failed: {}", e.getMessage());
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Temporal unavailable",
        "Temporal did not answer; try again in a moment");
  }

  /** The worker's own Temporal credentials were refused: the caller can do nothing about it. */
  @ExceptionHandler(TemporalAccessDeniedException.class)
  ProblemDetail accessDenied(TemporalAccessDeniedException e) {
    log.error("Temporal refused the worker's credentials: {}", e.getMessage());
    return problem(
        HttpStatus.BAD_GATEWAY,
        "Temporal refused access",
        "Temporal refused the worker's credentials; the worker's operator must fix its Temporal configuration");
  }

  @ExceptionHandler(TemporalRequestFailedException.class)
  ProblemDetail temporalFailed(TemporalRequestFailedException e) {
    log.warn("Temporal call failed: {}", e.getMessage());
    return problem(HttpStatus.BAD_GATEWAY, "Temporal request failed", e.getMessage());
  }

  @ExceptionHandler(ReleaseRunFailedException.class)
  ProblemDetail runFailed(ReleaseRunFailedException e) {
    return problem(HttpStatus.CONFLICT, "Release run failed", e.getMessage());
  }

  @ExceptionHandler(ReleaseWaitTimeoutException.class)
  ProblemDetail stillRunning(ReleaseWaitTimeoutException e) {
    return problem(HttpStatus.GATEWAY_TIMEOUT, "Release still running", e.getMessage());
  }

  /** The body's problem in a person's words: the JSON field and what is wrong with it. */
  static String describe(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JacksonException json) {
        return describe(json);
      }
    }
    return "the request body is missing or is not JSON";
  }

  /** A JSON problem in a person's words: the field's path and what is wrong with it. */
  static String describe(JacksonException json) {
    String field = BodyFieldException.path(json);
    String reason =
        json instanceof ValueInstantiationException instantiation
                && instantiation.getType() != null
                && instantiation.getType().isEnumType()
            ? "must be one of " + enumValues(instantiation.getType().getRawClass())
            : innermostMessage(json);
    return field.isEmpty() ? "unreadable JSON: " + reason : field + ": " + reason;
  }

  private static String enumValues(Class<?> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private static String innermostMessage(JacksonException json) {
    // Our enums throw IllegalArgumentException with "'x' is not one of a, b", wrapping the
    // JDK's terser one: the outermost such exception has the best words.
    for (Throwable t = json.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IllegalArgumentException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    String original = json.getOriginalMessage();
    return original == null ? json.getClass().getSimpleName() : original.lines().findFirst().orElse(original);
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
