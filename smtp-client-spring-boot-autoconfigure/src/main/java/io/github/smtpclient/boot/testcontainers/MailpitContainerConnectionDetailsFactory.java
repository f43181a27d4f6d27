package io.github.smtpclient.boot.testcontainers;

import io.github.smtpclient.boot.autoconfigure.SmtpConnectionDetails;
import io.github.smtpclient.tls.TlsMode;
import org.testcontainers.containers.Container;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link SmtpConnectionDetails} for a {@code @ServiceConnection} container of the {@code axllent/mailpit} image:
 * its SMTP port 1025, unencrypted (Mailpit has no certificate unless one is configured) and without authentication.
 */
class MailpitContainerConnectionDetailsFactory
        extends ContainerConnectionDetailsFactory<Container<?>, SmtpConnectionDetails> {

    /** The port Mailpit's SMTP server listens on inside the container. */
    static final int SMTP_PORT = 1025;

    MailpitContainerConnectionDetailsFactory() {
        super("axllent/mailpit");
    }

    @Override
    protected SmtpConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
        return new MailpitContainerConnectionDetails(source);
    }

    /** {@link SmtpConnectionDetails} backed by a Mailpit container. */
    private static final class MailpitContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
            implements SmtpConnectionDetails {

        private MailpitContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
            super(source);
        }

        @Override
        public String getHost() {
            return getContainer().getHost();
        }

        @Override
        public int getPort() {
            return getContainer().getMappedPort(SMTP_PORT);
        }

        @Override
        public TlsMode getTlsMode() {
            return TlsMode.NONE;
        }
    }
}
