package dev.deployflow.activities.releaselog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpExchange;
import dev.deployflow.activities.http.HttpRequests;
import dev.deployflow.activities.http.WebhookDelivery;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.ReleaseLogActivities.PublishRequest;
import dev.deployflow.activity.ReleaseLogActivities.PublishResult;
import dev.deployflow.activity.ReleaseLogActivities.ReleaseLogEntry;
import dev.deployflow.pipeline.ReleaseLogSink;
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

  private final ActivitySettings settings;
  private final ObjectMapper json;
  private final WebhookDelivery delivery;

  ReleaseLogPublisher(ActivitySettings settings, OkHttpClient client, ObjectMapper json, int attempts, Duration firstBackoff) {
    this.settings = settings;
    this.json = json;
    this.delivery = new WebhookDelivery(client, attempts, firstBackoff);
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
    return delivery.post(post, sink.webhook().followRedirects() != null && sink.webhook().followRedirects());
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
}
