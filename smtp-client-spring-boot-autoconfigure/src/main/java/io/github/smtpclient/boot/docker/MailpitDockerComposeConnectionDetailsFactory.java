package io.github.smtpclient.boot.docker;

import java.util.Map;

import io.github.smtpclient.boot.autoconfigure.SmtpConnectionDetails;
import io.github.smtpclient.tls.TlsMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * {@link SmtpConnectionDetails} for a Docker Compose service of the {@code axllent/mailpit} image, found by
 * {@code spring-boot-docker-compose}: the host port mapped to Mailpit's SMTP port 1025, and what the service's
 * Mailpit settings ask for: {@code MP_SMTP_AUTH} (its first {@code user:password}), {@code MP_SMTP_REQUIRE_TLS}
 * (implicit TLS) and {@code MP_SMTP_REQUIRE_STARTTLS} (STARTTLS); without them, plaintext and no login.
 */
class MailpitDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<SmtpConnectionDetails> {

    /** The port Mailpit's SMTP server listens on inside the container. */
    static final int SMTP_PORT = 1025;

    MailpitDockerComposeConnectionDetailsFactory() {
        super("axllent/mailpit", "io.github.smtpclient.SmtpClient");
    }

    @Override
    protected SmtpConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
        return new MailpitDockerComposeConnectionDetails(source.getRunningService());
    }

    /** {@link SmtpConnectionDetails} backed by a running Mailpit service. */
    static final class MailpitDockerComposeConnectionDetails extends DockerComposeConnectionDetails
            implements SmtpConnectionDetails {

        private final String host;
        private final int port;
        private final @Nullable String username;
        private final @Nullable String password;
        private final TlsMode tlsMode;

        MailpitDockerComposeConnectionDetails(RunningService service) {
            super(service);
            this.host = service.host();
            this.port = service.ports().get(SMTP_PORT);
            Map<String, String> env = service.env();
            String firstLogin = env.getOrDefault("MP_SMTP_AUTH", "").trim().split("\\s+")[0];
            int colon = firstLogin.indexOf(':');
            this.username = colon > 0 ? firstLogin.substring(0, colon) : null;
            this.password = colon > 0 ? firstLogin.substring(colon + 1) : null;
            this.tlsMode = enabled(env, "MP_SMTP_REQUIRE_TLS") ? TlsMode.IMPLICIT
                    : enabled(env, "MP_SMTP_REQUIRE_STARTTLS") ? TlsMode.EXPLICIT : TlsMode.NONE;
        }

        private static boolean enabled(Map<String, String> env, String name) {
            return Boolean.parseBoolean(env.getOrDefault(name, "false").trim());
        }

        @Override
        public String getHost() {
            return host;
        }

        @Override
        public int getPort() {
            return port;
        }

        @Override
        public @Nullable String getUsername() {
            return username;
        }

        @Override
        public @Nullable String getPassword() {
            return password;
        }

        @Override
        public TlsMode getTlsMode() {
            return tlsMode;
        }
    }
}
