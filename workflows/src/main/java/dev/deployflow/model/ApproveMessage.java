package dev.deployflow.model;

/** One approval for a gate; {@code gate} is optional and means the gate waiting now. */
public record ApproveMessage(String by, String gate, String comment) {}
