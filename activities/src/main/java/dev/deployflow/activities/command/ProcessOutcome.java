package dev.deployflow.activities.command;

/**
 * How a process ended.
 *
 * @param exitCode the exit code; meaningless when {@code timedOut}
 * @param timedOut whether the process tree was killed because the timeout passed
 * @param output the masked tail of the output (standard output only when standard error was
 *     kept apart, both interleaved otherwise)
 * @param errorOutput the masked tail of standard error when it was kept apart, else empty
 * @param totalOutputBytes how many bytes the process wrote to its output in all
 * @param truncated whether older output was dropped from {@code output}
 * @param durationMillis how long the process ran
 */
public record ProcessOutcome(
    int exitCode,
    boolean timedOut,
    String output,
    String errorOutput,
    long totalOutputBytes,
    boolean truncated,
    long durationMillis) {}
