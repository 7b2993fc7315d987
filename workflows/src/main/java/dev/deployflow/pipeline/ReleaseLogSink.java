package dev.deployflow.pipeline;

import java.util.Map;

/**
 * A place the release's JSON record is sent at completion, besides the worker's file log, so
 * that a team keeps every worker's releases in its own store:
 *
 * <pre>
 * releaseLog:
 *   - webhook: { url: "${env:RELEASE_LOG_URL}", headers: { Authorization: "Bearer ${env:LOG_TOKEN}" } }
 * </pre>
 *
 * <p>The record is POSTed as JSON. URL and headers are rendered like any HTTP step's (secrets from
 * {@code ${env:…}} inside the activity, masked everywhere), and a redirect is refused unless
 * {@code followRedirects} is true (then to the same host only). A sink that cannot take the record
 * never fails the release: its failure is written to the timeline.
 *
 * @param webhook where to POST the record
 */
public record ReleaseLogSink(Webhook webhook) {

  /**
   * @param url the http(s) URL, usually {@code ${env:…}}
   * @param headers extra headers, e.g. a token; optional
   * @param followRedirects follow a redirect to the same host; off unless true
   */
  public record Webhook(String url, Map<String, String> headers, Boolean followRedirects) {

    /** The POST this sink makes, as the HTTP steps' own request type (its body is the record). */
    public HttpCall asCall() {
      return new HttpCall("POST", url, headers, null, followRedirects);
    }
  }
}
