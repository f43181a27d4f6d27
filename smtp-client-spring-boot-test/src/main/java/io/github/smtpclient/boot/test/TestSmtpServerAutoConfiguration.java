package io.github.smtpclient.boot.test;

import io.github.smtpclient.boot.autoconfigure.SmtpClientAutoConfiguration;
import io.github.smtpclient.boot.autoconfigure.SmtpClientProperties;
import io.github.smtpclient.boot.autoconfigure.SmtpConnectionDetails;
import io.github.smtpclient.tls.TlsMode;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What {@link AutoConfigureTestSmtpServer} imports: the {@link TestSmtpServer}, and connection details pointing the
 * client at it. It runs before the client's auto-configuration, whose connection details then back off.
 */
@AutoConfiguration(before = SmtpClientAutoConfiguration.class)
public final class TestSmtpServerAutoConfiguration {

    TestSmtpServerAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    TestSmtpServer testSmtpServer() {
        return TestSmtpServer.start();
    }

    @Bean
    SmtpConnectionDetails testSmtpServerConnectionDetails(TestSmtpServer server,
            ObjectProvider<SmtpClientProperties> properties) {
        return new TestSmtpServerConnectionDetails(server, properties);
    }

    /**
     * The test server, plaintext over loopback, with the application's own user name and password so that tests see
     * which login it uses.
     */
    private static final class TestSmtpServerConnectionDetails implements SmtpConnectionDetails {

        private final TestSmtpServer server;
        private final ObjectProvider<SmtpClientProperties> properties;

        private TestSmtpServerConnectionDetails(TestSmtpServer server, ObjectProvider<SmtpClientProperties> properties) {
            this.server = server;
            this.properties = properties;
        }

        @Override
        public String getHost() {
            return server.host();
        }

        @Override
        public int getPort() {
            return server.port();
        }

        @Override
        public @Nullable String getUsername() {
            SmtpClientProperties configured = properties.getIfAvailable();
            return configured == null ? null : configured.getUsername();
        }

        @Override
        public @Nullable String getPassword() {
            SmtpClientProperties configured = properties.getIfAvailable();
            return configured == null ? null : configured.getPassword();
        }

        @Override
        public TlsMode getTlsMode() {
            return TlsMode.NONE;
        }
    }
}
