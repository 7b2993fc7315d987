package dev.deployflow.worker.chat;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature: {@code X-Slack-Signature} must be {@code v0=} followed by the
 * hex HMAC-SHA256 of {@code v0:<X-Slack-Request-Timestamp>:<raw body>} under the signing secret,
 * and the timestamp must be within the allowed clock skew of now (which stops replays).
 * Signatures are compared in constant time.
 */
public final class SlackSignatureVerifier {
  private static final String VERSION = "v0";

  /** The verdict on one request. */
  public enum Verdict {
    VALID("signature valid"),
    MISSING("X-Slack-Request-Timestamp or X-Slack-Signature is missing"),
    STALE("the request timestamp is too old or in the future"),
    INVALID("the signature does not match");

    private final String reason;

    Verdict(String reason) {
      this.reason = reason;
    }

    /** Why, in words. */
    public String reason() {
      return reason;
    }
  }

  private final byte[] secret;
  private final Duration maxSkew;
  private final Clock clock;

  public SlackSignatureVerifier(String signingSecret, Duration maxSkew, Clock clock) {
    if (signingSecret == null || signingSecret.isBlank()) {
      throw new IllegalArgumentException("a signing secret is required");
    }
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Checks one request; {@code body} is the raw body exactly as received. */
  public Verdict verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
      return Verdict.MISSING;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Verdict.STALE;
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > maxSkew.toSeconds()) {
      return Verdict.STALE;
    }
    byte[] expected = signature(secret, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.INVALID;
  }

  /** The {@code X-Slack-Signature} value Slack sends for this timestamp and body. */
  public static String sign(String signingSecret, String timestamp, byte[] body) {
    return signature(signingSecret.getBytes(StandardCharsets.UTF_8), timestamp, body);
  }

  private static String signature(byte[] secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java runtime ships HmacSHA256, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
