package dev.deployflow.worker.config;

import java.beans.PropertyEditorSupport;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.config.CustomEditorConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads path settings as plain file-system paths relative to the worker's working directory.
 * Spring's default editor for {@link Path} resolves a relative path through the application's
 * resource loader first, so in the web application {@code deployflow.work-dir=.} became the
 * embedded Tomcat's temporary document base and pipeline commands such as
 * {@code demo/ci/build.sh} were not found. Configuration-property binding consults registered
 * custom editors before its converters, hence an editor and not a converter.
 */
@Configuration(proxyBeanMethods = false)
public class PlainPaths {

  @Bean
  static CustomEditorConfigurer plainPathEditorConfigurer() {
    CustomEditorConfigurer configurer = new CustomEditorConfigurer();
    configurer.setCustomEditors(Map.of(Path.class, PlainPathEditor.class));
    return configurer;
  }

  /** {@code Path.of(text)}, nothing more. */
  public static final class PlainPathEditor extends PropertyEditorSupport {
    @Override
    public void setAsText(String text) {
      setValue(text == null ? null : Path.of(text.trim()));
    }
  }
}
