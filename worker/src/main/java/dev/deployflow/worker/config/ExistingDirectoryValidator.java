package dev.deployflow.worker.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link ExistingDirectory}: the path exists and is a directory. */
public class ExistingDirectoryValidator implements ConstraintValidator<ExistingDirectory, Path> {

  @Override
  public boolean isValid(Path value, ConstraintValidatorContext context) {
    if (value == null || Files.isDirectory(value)) {
      return true;
    }
    // A message parameter (not an expression variable) so that a path containing "${" is shown
    // as written and never evaluated.
    context
        .unwrap(HibernateConstraintValidatorContext.class)
        .addMessageParameter("absolutePath", value.toAbsolutePath().normalize().toString());
    return false;
  }
}
