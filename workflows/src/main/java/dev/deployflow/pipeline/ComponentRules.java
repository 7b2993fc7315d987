package dev.deployflow.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rules for {@code components}: names, build, artifacts, migrations, deploys and {@code dependsOn}. */
final class ComponentRules {
  private ComponentRules() {}

  static void check(List<Component> components, ValidationProblems problems) {
    if (components == null || components.isEmpty()) {
      problems.add("components", "at least one component is required");
      return;
    }
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < components.size(); i++) {
      String path = "components[" + i + "]";
      Component component = components.get(i);
      if (component == null) {
        problems.add(path, "must not be empty");
        continue;
      }
      problems.uniqueName(path + ".name", component.name(), names);
      if (component.build() != null) {
        build(path + ".build", component.build(), problems);
      }
      if (component.migrate() != null) {
        migrate(path + ".migrate", component.migrate(), problems);
      }
      if (problems.requireObject(path + ".deploy", component.deploy())) {
        deploy(path + ".deploy", component.deploy(), problems);
      }
    }
    ComponentGraph.check(components, problems);
  }

  private static void build(String path, BuildSpec build, ValidationProblems problems) {
    problems.command(path + ".command", build.command(), "is required when build is given");
    problems.optionalDuration(path + ".timeout", build.timeout(), true);
    problems.placeholders(path + ".workingDir", build.workingDir());
    problems.envNames(path + ".env", build.env());
    List<ArtifactSpec> artifacts = build.artifacts();
    if (artifacts == null) {
      return;
    }
    for (int i = 0; i < artifacts.size(); i++) {
      String artifactPath = path + ".artifacts[" + i + "]";
      ArtifactSpec artifact = artifacts.get(i);
      if (artifact == null) {
        problems.add(artifactPath, "must not be empty");
        continue;
      }
      if (problems.requireText(artifactPath + ".path", artifact.path())) {
        problems.placeholders(artifactPath + ".path", artifact.path());
      }
      if (artifact.maxSize() != null) {
        size(artifactPath + ".maxSize", artifact.maxSize(), problems);
      }
      problems.placeholders(artifactPath + ".sha256File", artifact.sha256File());
    }
  }

  private static void size(String path, String text, ValidationProblems problems) {
    try {
      Sizes.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
    } catch (ArithmeticException e) {
      problems.add(path, "'" + text + "' is too large");
    }
  }

  private static void migrate(String path, MigrateSpec migrate, ValidationProblems problems) {
    problems.command(path + ".command", migrate.command(), "is required when migrate is given");
    if (migrate.undo() != null && !migrate.undo().isEmpty()) {
      problems.command(path + ".undo", migrate.undo(), "is required");
    }
    problems.optionalDuration(path + ".timeout", migrate.timeout(), true);
    problems.placeholders(path + ".workingDir", migrate.workingDir());
    problems.envNames(path + ".env", migrate.env());
  }

  private static void deploy(String path, DeploySpec deploy, ValidationProblems problems) {
    boolean hasCommand = deploy.command() != null && !deploy.command().isEmpty();
    boolean hasHttp = deploy.http() != null;
    if (hasCommand == hasHttp) {
      problems.add(path, "give exactly one of command or http");
    }
    if (hasCommand) {
      problems.command(path + ".command", deploy.command(), "is required");
    }
    if (hasHttp) {
      problems.httpCall(path + ".http", deploy.http());
    }
    problems.optionalDuration(path + ".timeout", deploy.timeout(), true);
    problems.placeholders(path + ".workingDir", deploy.workingDir());
    problems.envNames(path + ".env", deploy.env());
    if (deploy.currentVersion() != null) {
      probe(path + ".currentVersion", deploy.currentVersion(), problems);
    }
  }

  private static void probe(String path, VersionProbe probe, ValidationProblems problems) {
    boolean hasCommand = probe.command() != null && !probe.command().isEmpty();
    boolean hasHttp = probe.http() != null;
    if (hasCommand == hasHttp) {
      problems.add(path, "give exactly one of command or http");
    }
    if (hasCommand) {
      problems.command(path + ".command", probe.command(), "is required");
    }
    problems.envNames(path + ".env", probe.env());
    if (hasHttp) {
      VersionProbe.Http http = probe.http();
      if (problems.requireText(path + ".http.url", http.url())) {
        problems.url(path + ".http.url", http.url());
      }
      problems.jsonPointer(path + ".http.jsonPointer", http.jsonPointer());
      problems.headers(path + ".http.headers", http.headers());
    }
  }
}
