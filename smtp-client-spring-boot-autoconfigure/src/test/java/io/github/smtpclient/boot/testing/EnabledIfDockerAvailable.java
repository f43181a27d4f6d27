package io.github.smtpclient.boot.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where a Docker engine can be reached. Unlike
 * {@code @Testcontainers(disabledWithoutDocker = true)}, it looks for the engine's socket (or {@code DOCKER_HOST})
 * before Testcontainers starts, so a machine without Docker skips quietly instead of logging Testcontainers'
 * ERROR about every strategy it tried.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerAvailableCondition.class)
public @interface EnabledIfDockerAvailable {
}
