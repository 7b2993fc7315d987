package dev.deployflow.pipeline;

/**
 * An artifact a build must produce: its path, an optional size limit such as {@code 300MB}, and an
 * optional checksum file in {@code sha256sum} format.
 */
public record ArtifactSpec(String path, String maxSize, String sha256File) {}
