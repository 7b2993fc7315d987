package dev.deployflow.activities.notify;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpFailures;
import dev.deployflow.activities.http.WebhookDelivery;
import dev.deployflow.activities.notify.NotificationPayloads.Format;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.NotificationActivities;
import dev.deployflow.pipeline.NotificationTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Posts release notifications to webhooks, in Slack form or as plain JSON (see
 * {@link NotificationPayloads}).
 *
 * <p>A notification must never fail or hold up a release, so this activity never throws for a
 * delivery problem and is not meant to be retried by Temporal. Instead each target is tried a
 * bounded number of times inside the call (3 by default, with a short doubling backoff) when the
 * failure may pass: a connection error, a timeout, or a status that
 * {@link HttpFailures#isRetryable(int)} calls retryable (5xx, 429). Any other status is final at
 * once: the webhook is wrong or gone and only a person can fix it. What could not be
 * delivered is listed in {@link NotifyResult#failures()} by the target's index and the status,
 * never by URL, because a webhook URL is itself a secret.
 *
 * <p>A target receives only the events in its {@code on} list (all events when the list is
 * empty); an {@code approval_reminder} also goes to targets that asked for
 * {@code awaiting_approval}, because a reminder belongs wherever the request went.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int DEFAULT_ATTEMPTS = 3;
  private static final Duration DEFAULT_BACKOFF = Duration.ofMillis(250);

  private final ActivitySettings settings;
  private final WebhookDelivery delivery;

  public NotificationActivitiesImpl(ActivitySettings settings, OkHttpClient client) {
    this(settings, client, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
  }

  /** With its own retry budget, so that tests do not sleep for the production backoff. */
  NotificationActivitiesImpl(
      ActivitySettings settings, OkHttpClient client, int attempts, Duration firstBackoff) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.delivery = new WebhookDelivery(client, attempts, firstBackoff);
  }

  @Override
  public NotifyResult sendNotification(NotifyRequest request) {
    Map<String, String> vars = request.vars() == null ? Map.of() : request.vars();
    List<NotificationTarget> targets = request.targets() == null ? List.of() : request.targets();
    int delivered = 0;
    List<String> failures = new ArrayList<>();
    for (int index = 0; index < targets.size(); index++) {
      NotificationTarget target = targets.get(index);
      if (target == null || !wants(target, request.event())) {
        continue;
      }
      String failure = deliver(target, request, vars);
      if (failure == null) {
        delivered++;
      } else {
        failures.add("target " + index + ": " + failure);
      }
    }
    return new NotifyResult(delivered, failures);
  }

  /** Whether the target asked for this event. */
  static boolean wants(NotificationTarget target, String event) {
    List<String> on = target.on();
    if (on == null || on.isEmpty()) {
      return true;
    }
    return on.contains(event)
        || ("approval_reminder".equals(event) && on.contains("awaiting_approval"));
  }

  /** Delivers to one target; returns why it failed, or null when it was delivered. */
  private String deliver(NotificationTarget target, NotifyRequest request, Map<String, String> vars) {
    if (target.webhook() == null) {
      return "has no webhook";
    }
    Format format = Format.of(target.webhook().format());
    if (format == null) {
      return "format '" + target.webhook().format() + "' is not supported (use slack or json)";
    }
    HttpUrl url;
    try {
      String rendered = TemplateRenderer.forWorker(settings).url(target.webhook().url(), vars);
      url = rendered == null ? null : HttpUrl.parse(rendered);
    } catch (IllegalArgumentException e) {
      // Names the missing placeholder or variable, never a value.
      return e.getMessage();
    }
    if (url == null) {
      return "the webhook URL is not an http(s) URL";
    }
    Request post = new Request.Builder()
        .url(url)
        .post(RequestBody.create(NotificationPayloads.body(format, request), JSON))
        .build();
    // Never follows a redirect: a webhook URL is a secret, and so is what it is posted; a redirect
    // elsewhere would hand the payload to a host nobody configured.
    return delivery.post(post, false);
  }
}
