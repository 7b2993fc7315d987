package dev.deployflow.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs on the suite's real Temporal; {@link DevServer} (and
 * {@link SharedStack}) parameters are then injected.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-temporal")
@ExtendWith({DevServerExtension.class, SharedStackExtension.class})
public @interface RealTemporal {}
