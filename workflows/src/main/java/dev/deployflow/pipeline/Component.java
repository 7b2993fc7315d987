package dev.deployflow.pipeline;

import java.util.List;

/**
 * One deployable part of the application. {@code kind} is free text such as {@code backend} or
 * {@code web}. Without {@code dependsOn} anywhere in the pipeline, components are built and
 * deployed in pipeline order and rolled back in reverse. As soon as one component says
 * {@code dependsOn}, the components form a graph ({@link ComponentGraph}): each deploys once every
 * component it depends on has, independent ones at the same time, and components that say no
 * {@code dependsOn} are roots.
 *
 * @param dependsOn the names of the components that must be deployed before this one; null when
 *     the pipeline does not say
 */
public record Component(
    String name, String kind, BuildSpec build, MigrateSpec migrate, DeploySpec deploy, List<String> dependsOn) {

  /** A component that says nothing about its dependencies. */
  public Component(String name, String kind, BuildSpec build, MigrateSpec migrate, DeploySpec deploy) {
    this(name, kind, build, migrate, deploy, null);
  }
}
