package dev.deployflow.cli.temporal;

import java.time.Duration;

/**
 * Where the command line finds Temporal (frontend address, namespace, task queue) and how long
 * it waits for the release's worker to answer a query or a message.
 */
public record ConnectionSettings(
    String address, String namespace, String taskQueue, Duration answerTimeout) {}
