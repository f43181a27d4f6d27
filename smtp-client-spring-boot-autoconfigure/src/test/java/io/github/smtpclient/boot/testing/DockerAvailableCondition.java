package io.github.smtpclient.boot.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** {@link EnabledIfDockerAvailable}: a cheap look for an engine first, Testcontainers' own check only if one may exist. */
final class DockerAvailableCondition implements ExecutionCondition {

    private static final List<Path> SOCKETS = List.of(Path.of("/var/run/docker.sock"),
            Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"),
            Path.of(System.getProperty("user.home"), ".docker", "desktop", "docker.sock"),
            Path.of(System.getProperty("user.home"), ".testcontainers.properties"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> engine = Optional.ofNullable(System.getenv("DOCKER_HOST")).map(host -> "DOCKER_HOST=" + host)
                .or(() -> SOCKETS.stream().filter(Files::exists).findFirst().map(Path::toString));
        if (engine.isEmpty()) {
            return ConditionEvaluationResult.disabled("No Docker engine here (no DOCKER_HOST, no docker.sock)");
        }
        return DockerClientFactory.instance().isDockerAvailable()
                ? ConditionEvaluationResult.enabled("Docker engine at " + engine.get())
                : ConditionEvaluationResult.disabled("The Docker engine at " + engine.get() + " does not answer");
    }
}
