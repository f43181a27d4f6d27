package io.github.smtpclient.boot.autoconfigure;

import io.github.smtpclient.tls.TlsMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

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
            throw new InvalidConfigurationPropertyValueException("smtp.client.host", host == null ? "(none)" : host,
                    "The SMTP server's host name is empty. Set 'smtp.client.host' to it, such as"
                            + " 'smtp.example.com'; an empty value usually comes from a placeholder whose variable"
                            + " is not set, such as '${SMTP_HOST:}'.");
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
