package dev.deployflow.activities.notify;

import dev.deployflow.activities.ActivitySettings;
import dev.deployflow.activities.http.HttpFailures;
import dev.deployflow.activities.notify.NotificationPayloads.Format;
import dev.deployflow.activities.secrets.TemplateRenderer;
import dev.deployflow.activity.NotificationActivities;
import dev.deployflow.pipeline.NotificationTarget;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
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
import okhttp3.Response;

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
  private final OkHttpClient client;
  private final int attempts;
  private final Duration firstBackoff;

  public NotificationActivitiesImpl(ActivitySettings settings, OkHttpClient client) {
    this(settings, client, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
  }

  /** With its own retry budget, so that tests do not sleep for the production backoff. */
  NotificationActivitiesImpl(
      ActivitySettings settings, OkHttpClient client, int attempts, Duration firstBackoff) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(client, "client");
    this.client = client.followRedirects() || client.followSslRedirects()
        ? client.newBuilder().followRedirects(false).followSslRedirects(false).build()
        : client;
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    this.attempts = attempts;
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
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
    return postWithRetries(post);
  }

  private String postWithRetries(Request post) {
    String lastFailure = null;
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      boolean mayPass;
      try (Response response = client.newCall(post).execute()) {
        if (response.isSuccessful()) {
          return null;
        }
        if (response.isRedirect()) {
          // Never followed: a webhook URL is a secret, and so is what it is posted; a redirect
          // elsewhere would hand the payload to a host nobody configured.
          HttpUrl target = response.header("Location") == null ? null : post.url().resolve(response.header("Location"));
          return "redirected (HTTP " + response.code() + ") to host "
              + (target == null ? "(an unreadable Location)" : target.host()) + ", which is refused (not retried)";
        }
        lastFailure = "HTTP " + response.code();
        mayPass = HttpFailures.isRetryable(response.code());
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
