package dev.deployflow.pipeline;

import java.util.List;

/**
 * When production deploys may start: weekdays ({@code mon}..{@code sun}), a local time range
 * {@code from}-{@code to} (HH:mm) and an IANA time zone.
 */
public record WindowSpec(List<String> days, String from, String to, String zone) {}
