package dev.deployflow.model;

/** Continues a paused release. */
public record ResumeMessage(String by) {}
