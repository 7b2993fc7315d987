package dev.deployflow.activities.releaselog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpAnswer;
import dev.deployflow.activities.http.HttpExchange;
import dev.deployflow.activities.http.HttpFailures;
import dev.deployflow.activities.http.HttpRequests;
import dev.deployflow.activities.http.RedirectRefusedException;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.ReleaseLogActivities.PublishRequest;
import dev.deployflow.activity.ReleaseLogActivities.PublishResult;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.pipeline.ReleaseLogSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * POSTs a release's record to the pipeline's {@code releaseLog} webhooks: the same masked JSON
 * object the file log holds one line of, with {@code Idempotency-Key} set from the release
 * (application, version, start, outcome), so that a store can drop a retried delivery.
 *
 * <p>URL and headers are rendered as in any HTTP step (values encoded for their place, secrets
 * from {@code ${env:…}} known to the masker), and a redirect is refused unless the sink says
 * {@code followRedirects} (then to the same host only, see {@link HttpExchange}). A connection
 * failure, a timeout or a retryable status (5xx, 429) is tried again a bounded number of times
 * in this call; anything else is final. Nothing here throws: failures are returned by the sink's
 * index, never by URL, because a webhook URL is itself a secret.
 */
final class ReleaseLogPublisher {
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final int ANSWER_LIMIT = 4 * 1024;

  private final ActivitySettings settings;
  private final OkHttpClient client;
  private final ObjectMapper json;
  private final int attempts;
  private final Duration firstBackoff;

  ReleaseLogPublisher(ActivitySettings settings, OkHttpClient client, ObjectMapper json, int attempts, Duration firstBackoff) {
    this.settings = settings;
    this.client = client;
    this.json = json;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
  }

  PublishResult publish(PublishRequest request) {
    List<ReleaseLogSink> sinks = request.sinks() == null ? List.of() : request.sinks();
    Map<String, String> vars = request.vars() == null ? Map.of() : request.vars();
    int delivered = 0;
    List<String> failures = new ArrayList<>();
    for (int index = 0; index < sinks.size(); index++) {
      String failure = deliver(sinks.get(index), request.entry(), vars);
      if (failure == null) {
        delivered++;
      } else {
        failures.add("release-log sink " + index + ": " + failure);
      }
    }
    return new PublishResult(delivered, failures);
  }

  /** Delivers to one sink; returns why it failed, or null when it was delivered. */
  private String deliver(ReleaseLogSink sink, ReleaseLogEntry unmasked, Map<String, String> vars) {
    if (sink == null || sink.webhook() == null) {
      return "has no webhook";
    }
    TemplateRenderer renderer = TemplateRenderer.forWorker(settings);
    Request post;
    try {
      Request built = HttpRequests.build(sink.webhook().asCall(), vars, renderer, Map.of());
      // Masked after the URL and headers were rendered, so that their secrets are known too.
      ReleaseLogEntry entry = MaskedRecords.entry(unmasked, renderer.masker());
      post = built.newBuilder()
          .header("Idempotency-Key", idempotencyKey(entry))
          .post(RequestBody.create(json.writeValueAsString(entry), JSON_TYPE))
          .build();
    } catch (IllegalArgumentException e) {
      // Names the missing placeholder or a refused value; masked, since it may quote rendered text.
      return renderer.masker().mask(e.getMessage());
    } catch (JsonProcessingException e) {
      return "the record could not be written as JSON (" + e.getClass().getSimpleName() + ")";
    }
    return postWithRetries(post, sink.webhook().followRedirects() != null && sink.webhook().followRedirects());
  }

  private String postWithRetries(Request post, boolean followRedirects) {
    String lastFailure = null;
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      boolean mayPass;
      try {
        HttpAnswer answer = HttpExchange.send(client, post, ANSWER_LIMIT, followRedirects);
        if (answer.successful()) {
          return null;
        }
        lastFailure = "HTTP " + answer.status();
        mayPass = HttpFailures.isRetryable(answer.status());
      } catch (RedirectRefusedException e) {
        return "redirected (HTTP " + e.status() + ") to host " + e.targetHost() + ", which is refused (not retried)";
      } catch (IOException e) {
        lastFailure = describe(e);
        mayPass = true;
      }
      if (!mayPass) {
        return lastFailure + " (not retried)";
      }
      if (attempt < attempts && !sleep(backoff)) {
        return lastFailure + " (interrupted after " + attempt + " attempts)";
      }
      backoff = backoff.multipliedBy(2);
    }
    return lastFailure + " after " + attempts + " attempts";
  }

  /** The same key on every delivery of the same release's record. */
  static String idempotencyKey(ReleaseLogEntry entry) {
    String identity = entry.application() + "\n" + entry.version() + "\n" + entry.startedAt() + "\n" + entry.outcome();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "release-" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** The kind of I/O failure only: OkHttp's messages name the host, which is part of the URL. */
  private static String describe(IOException e) {
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof ConnectException) {
      return "could not connect";
    }
    if (e instanceof InterruptedIOException) {
      return "timed out";
    }
    return "I/O error (" + e.getClass().getSimpleName() + ")";
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
