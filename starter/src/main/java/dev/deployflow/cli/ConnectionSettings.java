package dev.deployflow.cli;

/** Where the command line finds Temporal: frontend address, namespace and task queue. */
record ConnectionSettings(String address, String namespace, String taskQueue) {}
