package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.tls.TlsMode;
import org.jspecify.annotations.Nullable;

/** {@link SmtpConnectionDetails} read from {@link SmtpClientProperties}. */
final class PropertiesSmtpConnectionDetails implements SmtpConnectionDetails {

    private final SmtpClientProperties properties;

    PropertiesSmtpConnectionDetails(SmtpClientProperties properties) {
        this.properties = properties;
    }

    @Override
    public String getHost() {
        String host = properties.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("smtp.client.host is not set; set it to the SMTP server's host name");
        }
        return host;
    }

    @Override
    public int getPort() {
        return properties.getPort();
    }

    @Override
    public @Nullable String getUsername() {
        return properties.getUsername();
    }

    @Override
    public @Nullable String getPassword() {
        return properties.getPassword();
    }

    @Override
    public @Nullable TlsMode getTlsMode() {
        return properties.getTls().getMode();
    }
}
