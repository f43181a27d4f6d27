package io.github.smtpclient.interop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only when the Postfix test bed ({@code scripts/testbed/start.sh}) is
 * running, and lets it take a {@link PostfixTestbed} parameter. Without the test bed the tests are skipped, or fail
 * when the system property {@value PostfixTestbedExtension#REQUIRED_PROPERTY} is {@code true} (the {@code interop}
 * Maven profile sets it, so CI cannot pass by skipping).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(PostfixTestbedExtension.class)
public @interface EnabledIfPostfixTestbed {
}
