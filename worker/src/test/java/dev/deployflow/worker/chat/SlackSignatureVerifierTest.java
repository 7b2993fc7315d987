package dev.deployflow.worker.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deployflow.worker.chat.SlackSignatureVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack request signing: the HMAC over version, timestamp and raw body, and the replay window. */
class SlackSignatureVerifierTest {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final String TIMESTAMP = Long.toString(NOW.getEpochSecond());
  private static final byte[] BODY =
      "token=x&command=%2Fdeploy&text=approve+shop-api+looks+good&user_name=bob"
          .getBytes(StandardCharsets.UTF_8);

  private final SlackSignatureVerifier verifier =
      new SlackSignatureVerifier(SECRET, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aSignatureMadeWithTheSecretIsValid() {
    String signature = SlackSignatureVerifier.sign(SECRET, TIMESTAMP, BODY);

    assertThat(signature).startsWith("v0=").hasSize(3 + 64);
    assertThat(verifier.verify(TIMESTAMP, signature, BODY)).isEqualTo(Verdict.VALID);
  }

  @Test
  void matchesSlacksPublishedExample() {
    // The worked example of Slack's "Verifying requests from Slack" guide.
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
            + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    assertThat(
            SlackSignatureVerifier.sign(
                "8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }

  @Test
  void aSignatureMadeWithAnotherSecretIsInvalid() {
    String signature = SlackSignatureVerifier.sign("another-secret", TIMESTAMP, BODY);

    assertThat(verifier.verify(TIMESTAMP, signature, BODY)).isEqualTo(Verdict.INVALID);
  }

  @Test
  void aTamperedBodyIsInvalid() {
    String signature = SlackSignatureVerifier.sign(SECRET, TIMESTAMP, BODY);
    byte[] tampered =
        "token=x&command=%2Fdeploy&text=approve+shop-api+looks+good&user_name=eve"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(verifier.verify(TIMESTAMP, signature, tampered)).isEqualTo(Verdict.INVALID);
  }

  @Test
  void aSignatureOverAnotherTimestampIsInvalid() {
    String older = Long.toString(NOW.getEpochSecond() - 10);
    String signature = SlackSignatureVerifier.sign(SECRET, older, BODY);

    assertThat(verifier.verify(TIMESTAMP, signature, BODY)).isEqualTo(Verdict.INVALID);
  }

  @Test
  void aRequestOlderThanFiveMinutesIsStaleEvenWhenCorrectlySigned() {
    String stale = Long.toString(NOW.minus(Duration.ofMinutes(5).plusSeconds(1)).getEpochSecond());
    String signature = SlackSignatureVerifier.sign(SECRET, stale, BODY);

    assertThat(verifier.verify(stale, signature, BODY)).isEqualTo(Verdict.STALE);
  }

  @Test
  void aRequestJustInsideTheWindowIsAccepted() {
    String recent = Long.toString(NOW.minus(Duration.ofMinutes(5)).getEpochSecond());
    String signature = SlackSignatureVerifier.sign(SECRET, recent, BODY);

    assertThat(verifier.verify(recent, signature, BODY)).isEqualTo(Verdict.VALID);
  }

  @Test
  void aTimestampFarInTheFutureIsStale() {
    String future = Long.toString(NOW.plus(Duration.ofMinutes(6)).getEpochSecond());
    String signature = SlackSignatureVerifier.sign(SECRET, future, BODY);

    assertThat(verifier.verify(future, signature, BODY)).isEqualTo(Verdict.STALE);
  }

  @Test
  void missingOrMalformedHeadersAreRefused() {
    String signature = SlackSignatureVerifier.sign(SECRET, TIMESTAMP, BODY);

    assertThat(verifier.verify(null, signature, BODY)).isEqualTo(Verdict.MISSING);
    assertThat(verifier.verify(TIMESTAMP, "", BODY)).isEqualTo(Verdict.MISSING);
    assertThat(verifier.verify("yesterday", signature, BODY)).isEqualTo(Verdict.STALE);
    assertThat(verifier.verify(TIMESTAMP, "v0=abc", BODY)).isEqualTo(Verdict.INVALID);
    assertThat(verifier.verify(TIMESTAMP, signature.replace("v0=", "v1="), BODY))
        .isEqualTo(Verdict.INVALID);
  }

  @Test
  void aBlankSecretCannotBeUsed() {
    assertThatThrownBy(
            () -> new SlackSignatureVerifier(" ", Duration.ofMinutes(5), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
