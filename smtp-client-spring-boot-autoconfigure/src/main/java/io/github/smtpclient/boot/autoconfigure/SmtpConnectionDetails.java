package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.tls.TlsMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the SMTP server is and how to log in to it. By default taken from {@code smtp.client.*}; a Testcontainers
 * {@code @ServiceConnection} (or any bean of this type) overrides those properties.
 */
public interface SmtpConnectionDetails extends ConnectionDetails {

    /** The server's host name or address. */
    String getHost();

    /** The server's port. */
    int getPort();

    /** The user name to authenticate as, or {@code null} to send without authenticating. */
    default @Nullable String getUsername() {
        return null;
    }

    /** The password, or {@code null}. */
    default @Nullable String getPassword() {
        return null;
    }

    /** The TLS mode the server requires, or {@code null} to use {@code smtp.client.tls.mode} (or the port's default). */
    default @Nullable TlsMode getTlsMode() {
        return null;
    }
}
