package dev.deployflow.pipeline;

/**
 * One deployable part of the application. Components are built and deployed in pipeline order
 * and rolled back in reverse. {@code kind} is free text such as {@code backend} or {@code web}.
 */
public record Component(
    String name, String kind, BuildSpec build, MigrateSpec migrate, DeploySpec deploy) {}
