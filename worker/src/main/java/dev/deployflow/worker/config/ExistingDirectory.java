package dev.deployflow.worker.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated {@link java.nio.file.Path} must name a directory that exists when the worker
 * starts. A null value is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = ExistingDirectoryValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ExistingDirectory {
  String message() default "must be an existing directory, but {absolutePath} is not one";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
