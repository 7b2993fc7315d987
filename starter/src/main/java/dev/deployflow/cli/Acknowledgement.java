package dev.deployflow.cli;

import dev.deployflow.model.ReleaseStatus;

/**
 * The JSON answer to an operator message: which message, for which application, and the
 * release's status right after the workflow accepted it.
 */
record Acknowledgement(String message, String application, boolean accepted, ReleaseStatus status) {}
