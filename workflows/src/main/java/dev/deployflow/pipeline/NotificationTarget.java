package dev.deployflow.pipeline;

import java.util.List;

/** A webhook to notify and the release events it wants; all events when {@code on} is empty. */
public record NotificationTarget(Webhook webhook, List<String> on) {

  /** A webhook URL (usually {@code ${env:…}}) and its payload format: {@code slack} or {@code json}. */
  public record Webhook(String url, String format) {}
}
