package dev.deployflow.model;

/** Holds the release before its next step; running timers keep their deadlines. */
public record PauseMessage(String by, String reason) {}
