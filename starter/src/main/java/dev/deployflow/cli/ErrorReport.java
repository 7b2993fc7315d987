package dev.deployflow.cli;

/**
 * A failure as the command line reports it: a kind a script can branch on, and a message for a
 * person. Printed as one line on standard error, or as JSON on standard output with
 * {@code --output json}.
 */
record ErrorReport(String error, String message) {}
