package dev.deployflow.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the run's {@link SharedStack}, started on first use on the shared dev server and
 * closed when the run ends (root store).
 */
public final class SharedStackExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SharedStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DevServer devServer = DevServerExtension.shared(context);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(SharedStack.class, key -> SharedStack.start(devServer), SharedStack.class);
  }
}
