package dev.deployflow.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deployflow.activities.secrets.SecretMasker;
import io.temporal.failure.ApplicationFailure;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpFailuresTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private static HttpAnswer answer(int status, String body, String retryAfter) {
    return new HttpAnswer(status, body, false, 12, retryAfter);
  }

  @ParameterizedTest
  @CsvSource({
    "500, true", "502, true", "503, true", "599, true", "429, true",
    "400, false", "401, false", "403, false", "404, false", "409, false", "422, false"
  })
  void fiveHundredsAndTooManyRequestsAreRetryableOtherStatusesAreNot(int status, boolean retryable) {
    ApplicationFailure failure =
        HttpFailures.forStatus("deploy hook POST http://h/x", answer(status, "nope", null), "DeployRefused", new SecretMasker());

    assertThat(failure.isNonRetryable()).isEqualTo(!retryable);
    assertThat(failure.getType()).isEqualTo(retryable ? "HttpUnavailable" : "DeployRefused");
    assertThat(failure.getOriginalMessage())
        .isEqualTo("deploy hook POST http://h/x answered HTTP " + status + " (body: \"nope\")");
  }

  @Test
  void retryAfterInSecondsBecomesTheNextRetryDelay() {
    ApplicationFailure failure =
        HttpFailures.forStatus("probe", answer(429, "slow down", "17"), "ProbeFailed", new SecretMasker());

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    assertThat(HttpFailures.retryAfter("120", NOW)).contains(Duration.ofMinutes(2));
    assertThat(HttpFailures.retryAfter("Mon, 02 Mar 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    assertThat(HttpFailures.retryAfter("Mon, 02 Mar 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(HttpFailures.retryAfter("soon", NOW)).isEmpty();
    assertThat(HttpFailures.retryAfter(null, NOW)).isEmpty();
  }

  @Test
  void aServerErrorWithoutRetryAfterLeavesTheDelayToTheRetryPolicy() {
    ApplicationFailure failure =
        HttpFailures.forStatus("probe", answer(503, "", null), "ProbeFailed", new SecretMasker());

    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void messagesAreMaskedAndBodiesShortened() {
    SecretMasker masker = new SecretMasker();
    masker.register("tok-123456");
    String longBody = "echo tok-123456 " + "x".repeat(500);

    ApplicationFailure status = HttpFailures.forStatus("hook", answer(400, longBody, null), "DeployRefused", masker);
    ApplicationFailure io = HttpFailures.ioError("hook https://tok-123456.example/x",
        new SocketTimeoutException("timeout"), masker);

    assertThat(status.getMessage()).doesNotContain("tok-123456").contains("echo ****");
    assertThat(status.getOriginalMessage()).hasSizeLessThan(260);
    assertThat(io.getOriginalMessage()).isEqualTo("hook https://****.example/x failed: SocketTimeoutException: timeout");
    assertThat(io.isNonRetryable()).isFalse();
    assertThat(io.getType()).isEqualTo("HttpUnavailable");
  }
}
