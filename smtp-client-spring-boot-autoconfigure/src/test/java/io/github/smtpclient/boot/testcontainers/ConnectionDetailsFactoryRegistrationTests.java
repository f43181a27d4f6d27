package io.github.smtpclient.boot.testcontainers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionDetailsFactoryRegistrationTests {

    @Test
    void theMailpitFactoryIsRegisteredForServiceConnections() {
        // Other modules register factories for classes absent here (Docker Compose); those are skipped, as Boot does.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ConnectionDetailsFactory.class,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })))
                .hasAtLeastOneElementOfType(MailpitContainerConnectionDetailsFactory.class);
    }
}
