package dev.deployflow.pipeline;

/** The configuration rollback (level 1): a command, such as a remote-config revert. */
public record RollbackSpec(CommandSpec config) {}
