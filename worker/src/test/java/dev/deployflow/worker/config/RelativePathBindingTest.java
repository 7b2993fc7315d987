package dev.deployflow.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Relative path settings mean paths relative to the worker's working directory, also in a web
 * application, where Spring would otherwise resolve them through the servlet context (the
 * embedded Tomcat's temporary document base), as it did for {@code deployflow.work-dir=.}.
 */
class RelativePathBindingTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DeployflowProperties.class)
  @Import(PlainPaths.class)
  static class Properties {}

  @Test
  void aRelativeWorkDirIsTheWorkersWorkingDirectory(@TempDir Path pipelines) {
    new WebApplicationContextRunner()
        .withUserConfiguration(Properties.class)
        .withPropertyValues(
            "deployflow.work-dir=.", "deployflow.pipelines-dir=" + pipelines)
        .run(context -> {
          assertThat(context).hasNotFailed();
          DeployflowProperties properties = context.getBean(DeployflowProperties.class);
          assertThat(properties.workDir().toAbsolutePath().normalize())
              .isEqualTo(Path.of("").toAbsolutePath());
          assertThat(properties.releaseLog()).isEqualTo(Path.of("./var/release-log.jsonl"));
        });
  }
}
