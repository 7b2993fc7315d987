package dev.deployflow.activities.http;

/**
 * A response as the activities need it: the status, the first part of the body as text, the
 * time until the body was read, and the {@code Retry-After} header (kept to compute the next
 * retry delay, never shown in a message).
 *
 * @param bodyTruncated whether the body was longer than what was read
 */
public record HttpAnswer(int status, String body, boolean bodyTruncated, long latencyMillis, String retryAfter) {

  /** Whether the status is 2xx. */
  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** The body's first {@code max} characters on one line, quoted, for messages. */
  public String bodyExcerpt(int max) {
    String text = body.length() > max ? body.substring(0, max) + "…" : body;
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
  }
}
