package dev.deployflow.model;

/** Fails the waiting gate: nothing further is deployed and the release ends rejected. */
public record RejectMessage(String by, String gate, String reason) {}
