package io.github.smtpclient.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Postfix interop scenarios against the same test bed in a Debian 12 container ({@code scripts/testbed/Dockerfile}),
 * for machines with Docker where {@code start.sh} cannot run directly. Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostfixContainerInteropTests extends PostfixInteropScenarios {

    @Container
    private static final PostfixContainer POSTFIX = newContainer();

    private static PostfixTestbed testbed;

    @BeforeAll
    static void describeContainer() throws IOException {
        testbed = POSTFIX.testbed();
    }

    @Override
    protected PostfixTestbed testbed() {
        return testbed;
    }

    private static PostfixContainer newContainer() {
        try {
            return new PostfixContainer(Files.createTempDirectory("smtp-client-testbed-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the host directory for the container's Maildirs", e);
        }
    }
}
