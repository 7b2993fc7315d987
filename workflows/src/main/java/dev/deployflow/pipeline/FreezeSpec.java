package dev.deployflow.pipeline;

/** A period (ISO-8601 instants) in which nothing is deployed, with the reason people see. */
public record FreezeSpec(String from, String to, String reason) {}
