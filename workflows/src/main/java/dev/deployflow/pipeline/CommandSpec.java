package dev.deployflow.pipeline;

import java.util.List;

/**
 * A process to run: the argument list (never a shell string), an optional timeout such as
 * {@code 20m} and an optional working directory relative to the worker's working directory.
 */
public record CommandSpec(List<String> command, String timeout, String workingDir) {}
